"""The shared filters (§3.2): read from query parameters, applied to a mediator's or a team's activities."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from hub.core.activites.filtres import PERIODE_INVERSEE, FiltresActivites, lire_filtres
from hub.core.activites.models import Activite
from hub.core.activites.portee import PorteeMediateur, portee_equipe, portee_mediateur
from hub.core.activites.queries import ActiviteVue, ActiviteVueMediateur, activites_filtrees
from hub.core.activites.service import creer_activite, supprimer_activite
from hub.core.errors import Forbidden, ValidationError
from hub.core.hub import Hub
from hub.core.identity.principal import Principal
from hub.core.tags.service import TagInput, creer_tag
from hub.core.teams.models import MediateurCoordonne
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, beneficiaire, cra, mediateur_en_poste
from tests.core.organisation.support import coordinateur_id, utilisateur

INSEE = "Le code INSEE de la commune compte 5 caractères (exemple : 51454, ou 2A004 en Corse)."


@pytest.mark.parametrize(
    ("parametres", "filtres"),
    [
        ({"types": "individuel,collectif"}, FiltresActivites(types=["individuel", "collectif"])),
        ({"communes": ["51454", "75056, 2A004"]}, FiltresActivites(communes=["51454", "75056", "2A004"])),
        ({"departements": "2a,974"}, FiltresActivites(departements=["2A", "974"])),
        ({"conseiller_numerique": "1", "rdv": "0"}, FiltresActivites(conseiller_numerique=True, rdv=False)),
        (
            {"du": "2025-01-01", "au": "2025-01-01"},
            FiltresActivites(du=datetime(2025, 1, 1).date(), au=datetime(2025, 1, 1).date()),
        ),
        ({"types": "", "page": "3", "source": "v1"}, FiltresActivites(source="v1")),
        (
            {"thematiques_non_administratives": "sante", "thematiques_administratives": "logement,justice"},
            FiltresActivites(
                thematiques_non_administratives=["sante"], thematiques_administratives=["logement", "justice"]
            ),
        ),
    ],
)
def test_filters_are_read_from_query_parameters(parametres: dict[str, Any], filtres: FiltresActivites) -> None:
    assert lire_filtres(parametres) == filtres


@pytest.mark.parametrize(
    ("parametres", "erreurs"),
    [
        ({"du": "2025-13-01"}, {"du": "Date invalide (attendu : AAAA-MM-JJ)."}),
        ({"du": "2025-02-01", "au": "2025-01-31"}, {"au": PERIODE_INVERSEE}),
        ({"types": "individuel,demarche"}, {"types": "Valeur non autorisée : « demarche »."}),
        ({"conseiller_numerique": "oui"}, {"conseiller_numerique": "Valeur attendue : 0 ou 1."}),
        ({"demarches_administratives": "2"}, {"demarches_administratives": "Valeur attendue : 0 ou 1."}),
        (
            {"departements": "100"},
            {"departements": "« 100 » : Code de département invalide (exemple : 51, 2A ou 974)."},
        ),
        (
            {"communes": "5145"},
            {"communes": f"« 5145 » : {INSEE}"},
        ),
        (
            {"thematiques_administratives": "email"},
            {"thematiques_administratives": "Valeur non autorisée : « email »."},
        ),
        ({"source": "v3"}, {"source": "Valeur non autorisée : « v3 »."}),
    ],
)
def test_faulty_filters_are_named_in_french(parametres: dict[str, Any], erreurs: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as refused:
        lire_filtres(parametres)
    assert refused.value.errors == erreurs


async def test_each_filter_narrows_the_mediator_s_activities(hub: Hub) -> None:
    a = await mediateur_en_poste(hub, "camille@exemple.fr", is_conseiller_numerique=True)
    alix = await beneficiaire(hub, a, "Alix")
    principal = Principal(id=a.user_id, display_name="Camille", mediateur_id=a.id)
    async with hub.session() as session, session.begin():
        tag = await creer_tag(session, principal, TagInput(nom="Permanence", portee="personnel"))
        a1 = await creer_activite(
            session,
            a.id,
            cra(
                INDIVIDUEL,
                date="2025-01-10",
                lieu_commune="Épernay",
                lieu_code_postal="51200",
                lieu_code_insee="51230",
                beneficiaire={"id": alix},
                tags=[tag.id],
            ),
            par=None,
        )
        a2 = await creer_activite(
            session,
            a.id,
            cra(
                COLLECTIF,
                date="2025-02-10",
                type_lieu="lieu_activite",
                structure_id=a.lieux[0],
                thematiques=["aide_aux_demarches_administratives", "logement"],
                rdv_id="rdv-1",
            ),
            par=None,
        )
        a3 = await creer_activite(
            session,
            a.id,
            cra(
                INDIVIDUEL,
                date="2025-03-10",
                type_lieu="autre",
                lieu_commune="Ajaccio",
                lieu_code_postal="20000",
                lieu_code_insee="2A004",
                thematiques=["sante"],
            ),
            par=None,
        )
        a4 = await creer_activite(session, a.id, cra(INDIVIDUEL, date="2025-03-11"), par=None)
        a5 = await creer_activite(session, a.id, cra(INDIVIDUEL, date="2025-01-05", type_lieu="a_distance"), par=None)
        await supprimer_activite(session, a.id, a4.id, par=None)
        await session.execute(sa.update(Activite).where(Activite.id == a5.id).values(v1_cra_id="v1-123"))

    async def ids(**parametres: Any) -> list[str]:
        async with hub.session() as session:
            page = await activites_filtrees(session, portee_mediateur(principal), lire_filtres(parametres))
        return [activite.id for activite in page.activites]

    assert await ids() == [a3.id, a2.id, a1.id, a5.id]
    assert await ids(du="2025-02-01") == [a3.id, a2.id]
    assert await ids(au="2025-02-10") == [a2.id, a1.id, a5.id]
    assert await ids(types="collectif") == [a2.id]
    assert await ids(beneficiaires=alix) == [a1.id]
    assert await ids(communes="51230") == [a1.id]
    assert await ids(communes="51454") == [a2.id, a5.id]  # the lieu's commune, the employer's when remote
    assert await ids(departements="2A") == [a3.id]
    assert await ids(departements="51,974") == [a2.id, a1.id, a5.id]
    assert await ids(lieux=a.lieux[0]) == [a2.id]
    assert await ids(demarches_administratives="1") == [a2.id]
    assert await ids(demarches_administratives="0") == [a3.id, a1.id, a5.id]
    assert await ids(thematiques_non_administratives="sante") == [a3.id]
    assert await ids(thematiques_administratives="logement") == [a2.id]
    assert await ids(thematiques_non_administratives="sante", thematiques_administratives="logement") == [a3.id, a2.id]
    assert await ids(tags=tag.id) == [a1.id]
    assert await ids(structures_employeuses=a.employeur) == [a3.id, a2.id, a1.id, a5.id]
    assert await ids(rdv="1") == [a2.id]
    assert await ids(rdv="0") == [a3.id, a1.id, a5.id]
    assert await ids(source="v1") == [a5.id]
    assert await ids(source="v2") == [a3.id, a2.id, a1.id]
    assert await ids(conseiller_numerique="1") == [a3.id, a2.id, a1.id, a5.id]
    assert await ids(conseiller_numerique="0") == []

    async with hub.session() as session:
        page = await activites_filtrees(session, PorteeMediateur(a.id), FiltresActivites(), 2, par_page=3)
    assert (page.total, page.pages, [v.id for v in page.activites]) == (4, 2, [a5.id])
    premiere = (await _page(hub, PorteeMediateur(a.id))).activites
    assert isinstance(premiere[2], ActiviteVueMediateur)
    assert [(b.id, b.prenom) for b in premiere[2].beneficiaires_suivis] == [(alix, "Alix")]
    assert [t.nom for t in premiere[2].tags] == ["Permanence"]


async def test_a_team_counts_former_members_until_they_left_and_shows_no_identity(hub: Hub) -> None:
    membre = await mediateur_en_poste(hub, "membre@exemple.fr")
    ancien = await mediateur_en_poste(hub, "ancien@exemple.fr")
    etranger = await mediateur_en_poste(hub, "etranger@exemple.fr")
    coordo_user = await utilisateur(hub, "coordo@exemple.fr", "coordinateur")
    coordo = Principal(id=coordo_user.id, display_name="C", coordinateur_id=await coordinateur_id(hub, coordo_user))
    alix = await beneficiaire(hub, membre, "Alix")
    async with hub.session() as session, session.begin():
        debut = datetime(2025, 1, 1, tzinfo=UTC)
        session.add(MediateurCoordonne(mediateur_id=membre.id, coordinateur_id=coordo.coordinateur_id, creation=debut))
        session.add(
            MediateurCoordonne(
                mediateur_id=ancien.id,
                coordinateur_id=coordo.coordinateur_id,
                creation=debut,
                suppression=datetime(2025, 3, 1, 23, 30, tzinfo=UTC),  # 2 March at Paris time
            )
        )
        m1 = await creer_activite(
            session, membre.id, cra(INDIVIDUEL, date="2025-05-01", beneficiaire={"id": alix}, notes="Privé"), par=None
        )
        avant = await creer_activite(session, ancien.id, cra(INDIVIDUEL, date="2024-06-01"), par=None)
        le_jour = await creer_activite(session, ancien.id, cra(INDIVIDUEL, date="2025-03-02"), par=None)
        await creer_activite(session, ancien.id, cra(INDIVIDUEL, date="2025-03-03"), par=None)
        await creer_activite(session, etranger.id, cra(INDIVIDUEL, date="2025-03-01"), par=None)
        portee = await portee_equipe(session, coordo)

    page = await _page(hub, portee)
    assert [v.id for v in page.activites] == [m1.id, le_jour.id, avant.id]
    assert all(type(v) is ActiviteVue for v in page.activites)
    assert not hasattr(page.activites[0], "notes") and not hasattr(page.activites[0], "beneficiaires_suivis")
    async with hub.session() as session:
        filtree = await activites_filtrees(session, portee, lire_filtres({"mediateurs": ancien.id}))
    assert [v.id for v in filtree.activites] == [le_jour.id, avant.id]
    with pytest.raises(Forbidden):
        portee_mediateur(coordo)
    async with hub.session() as session:
        with pytest.raises(Forbidden):
            await portee_equipe(session, Principal(id=membre.user_id, display_name="M", mediateur_id=membre.id))


async def _page(hub: Hub, portee: Any) -> Any:
    async with hub.session() as session:
        return await activites_filtrees(session, portee, FiltresActivites())
