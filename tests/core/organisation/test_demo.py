"""The demonstration identities: loaded once, labelled as fixtures, never in production."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.models import Activite
from hub.core.activites.portee import PorteeMediateur
from hub.core.audit.models import Mutation
from hub.core.demo import CAMILLE, CLAUDE, charger_identites_demo
from hub.core.errors import Forbidden
from hub.core.hub import Hub
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.identity.roles import roles_utilisateur
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import EmployeStructure, MediateurEnActivite, Structure
from hub.core.stats import calculer_statistiques
from hub.core.structures.recherche import rechercher_structures
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne
from hub.core.teams.statuts import membres_equipe
from hub.testing import make_hub
from tests.core.activites.support import compteurs_incoherents
from tests.core.organisation.support import count

TABLES = (
    User,
    Mediateur,
    Coordinateur,
    Structure,
    EmployeStructure,
    MediateurEnActivite,
    MediateurCoordonne,
    InvitationEquipe,
    Mutation,
)


async def test_the_demo_loads_once_and_a_second_run_changes_nothing(hub: Hub) -> None:
    first = await charger_identites_demo(hub)
    counts = [await count(hub, table) for table in TABLES]
    second = await charger_identites_demo(hub)

    assert (first.crees, second.crees) == (True, False) and first.comptes == second.comptes
    assert [await count(hub, table) for table in TABLES] == counts
    assert counts[:3] == [4, 2, 1]


async def test_the_demo_users_are_fixtures_with_a_team_and_a_former_member(hub: Hub) -> None:
    await charger_identites_demo(hub)
    async with hub.session() as session:
        users = list(await session.scalars(sa.select(User).order_by(User.email)))
        camille = next(user for user in users if user.email == CAMILLE)
        claude = next(user for user in users if user.email == CLAUDE)
        camille_roles = await roles_utilisateur(session, camille)
        lieux = await lieux_activite(session, camille_roles.mediateur_id or "")
        equipe = await membres_equipe(session, (await roles_utilisateur(session, claude)).coordinateur_id or "")
        [mediatheque] = await rechercher_structures(session, "mediatheque jean falala")

    assert all(
        user.is_fixture and user.email.endswith("@demo.hub.invalid") and user.inscription_validee for user in users
    )
    assert all(user.nom == "Démo" for user in users)
    assert camille.is_conseiller_numerique and camille_roles.roles == {"mediateur"}
    assert sorted(lieu.structure.nom for lieu in lieux) == [
        "Espace numérique Croix-Rouge (démo)",
        "Médiathèque Jean Falala",
    ]
    assert (mediatheque.commune, mediatheque.code_insee, mediatheque.typologies) == ("Reims", "51454", ["BIB", "EPN"])
    assert [(membre.prenom, membre.libelle) for membre in equipe] == [
        ("Camille", "Actif"),
        ("Dominique", "Ancien membre"),
        (None, "Invitation envoyée"),
    ]


async def test_the_demo_is_refused_in_production(tmp_path: Path) -> None:
    hub = await make_hub(tmp_path, migrate=False, env="prod", secret_key="k" * 40, demo_login=False)
    try:
        with pytest.raises(Forbidden, match="production"):
            await charger_identites_demo(hub)
    finally:
        await hub.shutdown()


async def test_the_demo_mediators_have_a_year_of_consistent_cras(hub: Hub) -> None:
    await charger_identites_demo(hub)
    async with hub.session() as session:
        mediateurs = dict((await session.execute(sa.select(User.email, Mediateur.id).join(Mediateur))).all())
        # A lieu's counter counts every mediator's activities there: compared below, not per mediator.
        ecarts = [
            [ecart for ecart in await compteurs_incoherents(session, mediateur_id) if not ecart.startswith("lieu ")]
            for mediateur_id in mediateurs.values()
        ]
        par_lieu = dict(
            (await session.execute(sa.select(Activite.structure_id, sa.func.count()).group_by(Activite.structure_id))).all()
        )
        compteurs_lieux = dict((await session.execute(sa.select(Structure.id, Structure.activites_count))).all())
        statistiques = await calculer_statistiques(
            session, PorteeMediateur(mediateurs[CAMILLE]), FiltresActivites(du=aujourd_hui() - timedelta(days=365))
        )

    assert ecarts == [[], []]
    assert all(compteurs_lieux[lieu] == nombre for lieu, nombre in par_lieu.items() if lieu is not None)
    assert statistiques.activites.total == 160 and statistiques.activites.collectifs > 0
    assert 0 < statistiques.beneficiaires.suivis <= 4 and statistiques.beneficiaires.anonymes > 0
    assert sum(point.nombre for point in statistiques.par_mois) == statistiques.accompagnements.total
