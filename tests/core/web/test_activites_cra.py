"""The CRA forms of mediators (individuel, collectif): what they offer, what they store, what they
refuse, and editing, duplicating and deleting a CRA — only one's own."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from cra_helpers import COLLECTIF, UNKNOWN, en_poste, individuel, lignes
from organisation_helpers import Site, errors, success, table_rows

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.models import Accompagnement, Activite
from hub.core.audit.models import Mutation
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.tags.models import Tag, activites_tags
from tests.core.activites.support import beneficiaire, compteurs_incoherents, mediateur_en_poste
from tests.core.organisation.support import count


async def test_the_choice_offers_what_each_role_records(site: Site) -> None:
    await en_poste(site)
    mediateur = await site.get("/mes-activites/cra")
    await site.sign_in_as("coordinateur")
    coordinateur = await site.get("/mes-activites/cra")
    await site.sign_in_as("mediateur", "coordinateur")
    les_deux = await site.get("/mes-activites/cra")

    def tuiles(page) -> list[str]:
        return re.findall(r'<h2 class="fr-tile__title"><a href="([^"]+)">', page.text)

    assert mediateur.status_code == 200 and mediateur.text.count("<h1") == 1
    assert tuiles(mediateur) == ["/mes-activites/cra/individuel", "/mes-activites/cra/collectif"]
    assert tuiles(coordinateur) == [f"/mes-activites/cra/{slug}" for slug in ("animation", "evenement", "partenariat")]
    assert len(tuiles(les_deux)) == 5


async def test_the_dashboard_leads_to_the_choice(site: Site) -> None:
    await en_poste(site)

    page = await site.get("/")

    assert 'href="/mes-activites/cra">Enregistrer une activité</a>' in page.text


async def test_the_individual_form_offers_the_mediators_choices(site: Site) -> None:
    qui = await en_poste(site, nb_lieux=2)

    page = await site.get("/mes-activites/cra/individuel")

    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert "<h1>Enregistrer un accompagnement individuel</h1>" in page.text
    assert f'type="date" value="{aujourd_hui().isoformat()}" id="date" name="date"' in page.text
    durees = re.findall(r'name="duree" value="([^"]+)"', page.text)
    assert durees == ["15", "30", "45", "60", "90", "120", "personnaliser"]
    assert re.findall(r'<option value="([^"]+)">Lieu \d de camille', page.text) == qui.lieux
    assert 'id="beneficiaire-id-aucun" name="beneficiaire.id" value="" checked' in page.text
    assert page.text.count('name="thematiques"') == 30
    assert 'data-si="thematiques" data-si-valeurs="aide_aux_demarches_administratives"' in page.text
    assert 'data-si="type_lieu" data-si-valeurs="domicile autre"' in page.text
    assert '<form method="post" action="/mes-activites/cra/individuel" novalidate>' in page.text
    assert 'form="recherche-beneficiaires"' in page.text and 'id="recherche-beneficiaires" method="get"' in page.text


async def test_an_individual_cra_is_stored_with_its_anonymous_beneficiaire(site: Site) -> None:
    qui = await en_poste(site)

    saved = await site.post("/mes-activites/cra/individuel", individuel(qui))

    assert saved.url.path == "/mes-activites" and success(saved) == "L'activité a été enregistrée."
    (activite,) = await lignes(site.hub, Activite)
    assert (activite.type, activite.date, activite.duree, activite.structure_id) == (
        "individuel",
        date(2025, 3, 12),
        45,
        qui.lieux[0],
    )
    assert activite.thematiques == ["email", "aide_aux_demarches_administratives", "logement"]
    assert (activite.autonomie, activite.oriente_vers_structure, activite.structure_de_redirection) == (
        "partiellement_autonome",
        True,
        "administration",
    )
    assert activite.precisions_demarche == "Demande de logement social"
    assert activite.notes == "Revient la semaine prochaine"
    (anonyme,) = await lignes(site.hub, Beneficiaire)
    assert anonyme.anonyme and (anonyme.genre, anonyme.tranche_age, anonyme.statut_social) == (
        "feminin",
        "quarante_cinquante_neuf",
        "en_emploi",
    )
    (accompagnement,) = await lignes(site.hub, Accompagnement)
    assert accompagnement.beneficiaire_id == anonyme.id and not accompagnement.premier_accompagnement  # déjà accompagné
    assert table_rows(saved) == ["12/03/2025"]


async def test_an_individual_cra_links_a_followed_beneficiaire(site: Site) -> None:
    qui = await en_poste(site)
    suivi = await beneficiaire(site.hub, qui, "Camille", "Martin")

    await site.post("/mes-activites/cra/individuel", individuel(qui, **{"beneficiaire.id": suivi}))

    (accompagnement,) = await lignes(site.hub, Accompagnement)
    assert accompagnement.beneficiaire_id == suivi and accompagnement.premier_accompagnement
    assert await count(site.hub, Beneficiaire) == 1  # no anonymous one


async def test_a_workshop_stores_its_followed_and_anonymous_participants(site: Site) -> None:
    qui = await en_poste(site)
    suivis = [await beneficiaire(site.hub, qui, "Camille", nom) for nom in ("Martin", "Bernard", "Petit")]

    saved = await site.post("/mes-activites/cra/collectif", COLLECTIF | {"participants": suivis})

    assert success(saved) == "L'activité a été enregistrée."
    (activite,) = await lignes(site.hub, Activite)
    assert (activite.type, activite.accompagnements_count, activite.titre_atelier, activite.niveau) == (
        "collectif",
        10,
        "Premiers pas sur internet",
        "debutant",
    )
    assert (activite.lieu_commune, activite.lieu_code_insee) == ("Reims", "51454")
    assert await count(site.hub, Accompagnement) == 10
    anonymes = await lignes(site.hub, Beneficiaire, Beneficiaire.anonyme.is_(True))
    assert len(anonymes) == 7 and all(b.attributions_aleatoires for b in anonymes)
    assert sorted(b.genre for b in anonymes) == ["feminin"] * 4 + ["masculin"] * 2 + ["non_communique"]
    assert sum(b.statut_social == "retraite" for b in anonymes) == 3
    async with site.hub.session() as db:
        assert await compteurs_incoherents(db, qui.id) == []
    assert "10 participants, dont" in saved.text and "Camille Martin" in saved.text


async def test_a_refused_cra_shows_each_error_next_to_its_field_and_stores_nothing(site: Site) -> None:
    qui = await en_poste(site)
    tag = await _tag(site, "Tag d'un autre", mediateur_id=(await mediateur_en_poste(site.hub, "autre@exemple.fr")).id)
    avant = await count(site.hub, Mutation)

    refused = await site.post(
        "/mes-activites/cra/individuel",
        {
            "date": "",
            "duree": "personnaliser",
            "type_lieu": "domicile",
            "lieu_commune": "Reims",
            "thematiques": ["logement"],
            "precisions_demarche": "RSA",
            "tags": [tag],
        },
    )

    assert refused.status_code == 400 and refused.text.count("<h1") == 1
    assert "<title>Erreur — Enregistrer un accompagnement individuel" in refused.text
    assert errors(refused) == {
        "date": "Veuillez renseigner une date",
        "duree": "Veuillez renseigner une durée personnalisée",
        "lieu_code_postal": "Renseignez la commune en entier : nom, code postal et code INSEE.",
        "lieu_code_insee": "Renseignez la commune en entier : nom, code postal et code INSEE.",
        "thematiques": (
            "Les thématiques administratives ne sont autorisées que si la thématique "
            "« Aide aux démarches administratives » est sélectionnée"
        ),
        "precisions_demarche": (
            "La précision de la démarche ne peut être renseignée que si la thématique "
            "« Aide aux démarches administratives » est sélectionnée"
        ),
        "tags": "Tag inconnu : choisissez parmi vos tags.",
    }
    assert 'value="Reims"' in refused.text and 'value="logement" checked' in refused.text
    assert 'id="duree-personnaliser" name="duree" value="personnaliser" checked' in refused.text
    assert await count(site.hub, Activite) == 0 and await count(site.hub, Mutation) == avant and qui


async def test_values_of_the_wrong_shape_are_refused_next_to_their_field(site: Site) -> None:
    qui = await en_poste(site)

    refused = await site.post(
        "/mes-activites/cra/individuel",
        individuel(qui, duree="3 heures", **{"beneficiaire.commune_code_postal": "51", "beneficiaire.genre": "x"}),
    )

    assert refused.status_code == 400
    assert errors(refused) == {
        "duree": "Veuillez choisir une durée proposée ou « personnaliser »",
        "beneficiaire-commune_code_postal": "Le code postal compte 5 chiffres (exemple : 51100).",
        "beneficiaire-genre": "Valeur non autorisée : « x ».",
    }
    assert 'value="51" id="beneficiaire-commune_code_postal"' in refused.text
    assert await count(site.hub, Activite) == 0


async def test_a_workshop_needs_a_participant_and_counters_within_the_total(site: Site) -> None:
    await en_poste(site)

    sans = await site.post("/mes-activites/cra/collectif", COLLECTIF | {"participants_anonymes.total": ""})
    trop = await site.post("/mes-activites/cra/collectif", COLLECTIF | {"participants_anonymes.genre_feminin": "9"})

    assert sans.status_code == 400 and errors(sans)["participants"] == "Veuillez renseigner au moins un participant"
    assert errors(trop) == {
        "participants_anonymes-total": (
            "La somme des données socio-démographiques dépasse le total des bénéficiaires anonymes"
        )
    }
    assert 'id="participants_anonymes-genre_feminin" name="participants_anonymes.genre_feminin"' in trop.text
    assert await count(site.hub, Activite) == 0


async def test_editing_shows_the_cra_and_saves_it(site: Site) -> None:
    qui = await en_poste(site)
    suivi = await beneficiaire(site.hub, qui, "Camille", "Martin")
    await site.post("/mes-activites/cra/individuel", individuel(qui, **{"beneficiaire.id": suivi}))
    (activite,) = await lignes(site.hub, Activite)

    form = await site.get(f"/mes-activites/cra/individuel/{activite.id}")
    saved = await site.post(
        f"/mes-activites/cra/individuel/{activite.id}",
        individuel(qui, duree="90", thematiques=["email"], precisions_demarche="", **{"beneficiaire.id": suivi}),
    )

    assert "<h1>Modifier un accompagnement individuel</h1>" in form.text
    assert f'<form method="post" action="/mes-activites/cra/individuel/{activite.id}" novalidate>' in form.text
    assert 'value="2025-03-12"' in form.text and 'id="duree-45" name="duree" value="45" checked' in form.text
    assert f'id="beneficiaire-id-choisi-{suivi}" name="beneficiaire.id" value="{suivi}" checked' in form.text
    assert 'id="beneficiaire-id-aucun" name="beneficiaire.id" value="" checked' not in form.text
    assert f'<option value="{qui.lieux[0]}" selected>' in form.text
    assert 'value="aide_aux_demarches_administratives" checked' in form.text
    assert 'id="oriente_vers_structure-true" name="oriente_vers_structure" value="true" checked' in form.text
    assert '<option value="administration" selected>' in form.text
    assert success(saved) == "L'activité a été enregistrée."
    (edited,) = await lignes(site.hub, Activite)
    assert (edited.id, edited.duree, edited.thematiques) == (activite.id, 90, ["email"])
    assert await count(site.hub, Beneficiaire) == 1


async def test_duplicating_fills_a_new_cra(site: Site) -> None:
    qui = await en_poste(site)
    await site.post("/mes-activites/cra/collectif", COLLECTIF)
    (activite,) = await lignes(site.hub, Activite)

    form = await site.get(f"/mes-activites/cra/collectif/{activite.id}/dupliquer")
    copied = await site.post("/mes-activites/cra/collectif", COLLECTIF | {"date": "2025-03-21"})

    assert "<h1>Dupliquer un atelier collectif</h1>" in form.text
    assert '<form method="post" action="/mes-activites/cra/collectif" novalidate>' in form.text
    assert 'value="7" id="participants_anonymes-total"' in form.text
    assert 'value="4" id="participants_anonymes-genre_feminin"' in form.text
    assert '<output id="reste-genre"' in form.text and '>1</output>' in form.text
    assert 'value="Premiers pas sur internet"' in form.text and 'value="51454"' in form.text
    assert table_rows(copied) == ["21/03/2025", "14/03/2025"]
    assert await count(site.hub, Activite) == 2 and qui


async def test_deleting_asks_first_then_removes_the_cra(site: Site) -> None:
    qui = await en_poste(site)
    await site.post("/mes-activites/cra/individuel", individuel(qui))
    (activite,) = await lignes(site.hub, Activite)

    confirmation = await site.get(f"/mes-activites/cra/individuel/{activite.id}/supprimer")
    deleted = await site.post(f"/mes-activites/cra/individuel/{activite.id}/supprimer")

    assert "<h1>Supprimer un accompagnement individuel du 12/03/2025</h1>" in confirmation.text
    assert f'<form method="post" action="/mes-activites/cra/individuel/{activite.id}/supprimer"' in confirmation.text
    assert success(deleted) == "L'activité a été supprimée." and table_rows(deleted) == []
    (supprimee,) = await lignes(site.hub, Activite)
    assert supprimee.suppression is not None
    assert (await site.get(f"/mes-activites/cra/individuel/{activite.id}")).status_code == 404


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("POST", ""), ("GET", "/dupliquer"), ("GET", "/supprimer"), ("POST", "/supprimer")],
)
async def test_another_mediators_cra_is_not_found(site: Site, method: str, suffix: str) -> None:
    autre = await en_poste(site, "dominique@exemple.fr")
    await site.post("/mes-activites/cra/individuel", individuel(autre))
    (leur,) = await lignes(site.hub, Activite)
    qui = await en_poste(site)

    cibles = (("individuel", leur.id), ("individuel", UNKNOWN), ("collectif", leur.id), ("individuel", "x\x00"))
    for genre, cible in cibles:
        url = f"/mes-activites/cra/{genre}/{quote(cible)}{suffix}"
        response = await (site.get(url) if method == "GET" else site.post(url, individuel(qui)))
        assert response.status_code == 404, (method, url)
    (intacte,) = await lignes(site.hub, Activite)
    assert intacte.suppression is None and intacte.duree == 45


async def test_another_mediators_beneficiaire_cannot_be_linked(site: Site) -> None:
    autre = await mediateur_en_poste(site.hub, "dominique@exemple.fr")
    leur = await beneficiaire(site.hub, autre, "Sacha", "Autre")
    qui = await en_poste(site)

    individual = await site.post("/mes-activites/cra/individuel", individuel(qui, **{"beneficiaire.id": leur}))
    workshop = await site.post("/mes-activites/cra/collectif", COLLECTIF | {"participants": [leur]})

    assert individual.status_code == 404 and workshop.status_code == 404
    assert await count(site.hub, Activite) == 0


@pytest.mark.parametrize("roles", [("coordinateur",), ("admin",), ("support",)])
async def test_only_mediators_record_accompaniments(site: Site, roles: tuple[str, ...]) -> None:
    await site.sign_in_as(*roles)

    assert (await site.get("/mes-activites/cra/individuel")).status_code == 403
    assert (await site.post("/mes-activites/cra/collectif", COLLECTIF)).status_code == 403


async def _tag(site: Site, nom: str, **owner: str) -> str:
    async with site.hub.session() as db, db.begin():
        tag = Tag(nom=nom, **owner)
        db.add(tag)
        await db.flush()
        return tag.id


async def test_tags_the_mediator_sees_are_offered_and_stored(site: Site) -> None:
    qui = await en_poste(site)
    national = await _tag(site, "Numérique responsable")
    sien = await _tag(site, "Permanence du mardi", mediateur_id=qui.id)

    form = await site.get("/mes-activites/cra/individuel")
    await site.post("/mes-activites/cra/individuel", individuel(qui, tags=[sien, national]))

    assert "Numérique responsable<span class=\"fr-hint-text\">National</span>" in form.text
    assert "Permanence du mardi<span class=\"fr-hint-text\">Personnel</span>" in form.text
    async with site.hub.session() as db:
        assert set(await db.scalars(sa.select(activites_tags.c.tag_id))) == {sien, national}
