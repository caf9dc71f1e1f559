"""The sign-up pages: four steps for a mediator, three for a coordinator, each a form whose errors
come back next to their field; the dashboard sends back whoever has not finished."""

from __future__ import annotations

import html
import re

import sqlalchemy as sa
from organisation_helpers import Site, errors

from hub.core.audit.models import Mutation
from hub.core.identity.models import User
from hub.core.structures.models import MediateurEnActivite, Structure
from tests.core.organisation.support import count, structure

NOUVELLE = {
    "structure.nom": "Espace numérique Croix-Rouge",
    "structure.adresse": "5 avenue Bonaparte",
    "structure.code_postal": "51100",
    "structure.commune": "Reims",
    "structure.code_insee": "51454",
    "structure.siret": "215 104 546 00019",
}


def step_of(page) -> str:
    title = re.search(r'<h2 class="fr-stepper__title">([^<]*)<span class="fr-stepper__state">([^<]*)', page.text)
    return html.unescape(f"{title.group(1)} — {title.group(2)}")


async def user(site: Site, user_id: str) -> User:
    async with site.hub.session() as db:
        return await db.get(User, user_id)


async def test_a_mediator_signs_up_through_the_four_steps(site: Site) -> None:
    employeur = await structure(site.hub, nom="Association Reims Numérique", adresse="18 rue de Vesle")
    mediatheque = await structure(site.hub)
    person = await site.sign_in_as()  # no role yet

    first = await site.get("/")
    assert first.url.path == "/inscription/choisir-role"
    assert step_of(first) == "Choisir son rôle — Étape 1 sur 4"
    assert first.text.count("<h1") == 1 and 'data-fr-current-step="1" data-fr-steps="4"' in first.text

    step = await site.post("/inscription/choisir-role", {"profil": "conseiller-numerique"})
    assert step.url.path == "/inscription/structure-employeuse"
    assert step_of(step) == "Structure employeuse — Étape 2 sur 4"
    assert 'href="/inscription/choisir-role">Étape précédente' in step.text

    step = await site.post("/inscription/structure-employeuse", {"structure_id": employeur})
    assert step.url.path == "/inscription/lieux-activite"
    assert step_of(step) == "Lieux d'activité — Étape 3 sur 4"

    await site.post("/inscription/lieux-activite", {"structure_id": mediatheque})
    step = await site.post("/inscription/lieux-activite", NOUVELLE)
    assert step.url.path == "/inscription/lieux-activite"
    assert 'Retirer<span class="fr-sr-only"> Espace numérique Croix-Rouge' in step.text
    assert 'href="/inscription/recapitulatif">Continuer' in step.text

    recap = await site.get("/inscription/recapitulatif")
    assert step_of(recap) == "Récapitulatif — Étape 4 sur 4"
    assert "Conseiller·ère numérique" in recap.text and "Association Reims Numérique" in recap.text
    done = await site.post("/inscription/recapitulatif", {"cgu_acceptees": "true"})

    assert done.url.path == "/" and "<h1>Tableau de bord</h1>" in done.text
    signed_up = await user(site, person.id)
    assert signed_up.inscription_validee is not None and signed_up.is_conseiller_numerique
    async with site.hub.session() as db:
        created = await db.scalar(sa.select(Structure).where(Structure.nom == "Espace numérique Croix-Rouge"))
        assert created.siret == "21510454600019" and created.code_insee == "51454"
        lieux = set(await db.scalars(sa.select(MediateurEnActivite.structure_id)))
    assert lieux == {mediatheque, created.id}
    assert (await site.get("/inscription/lieux-activite")).url.path == "/"  # validated: nothing left to do


async def test_a_coordinator_skips_the_lieux_step(site: Site) -> None:
    employeur = await structure(site.hub)
    await site.sign_in_as()

    await site.post("/inscription/choisir-role", {"profil": "coordinateur"})
    step = await site.post("/inscription/structure-employeuse", {"structure_id": employeur})

    assert step.url.path == "/inscription/recapitulatif"
    assert step_of(step) == "Récapitulatif — Étape 3 sur 3"
    assert (await site.get("/inscription/lieux-activite")).url.path == "/inscription/recapitulatif"
    assert "Lieux d'activité" not in step.text.split("<main", 1)[1]


async def test_each_step_shows_its_errors_next_to_their_field_with_a_400(site: Site) -> None:
    await site.sign_in_as()

    role = await site.post("/inscription/choisir-role", {})
    assert role.status_code == 400
    assert errors(role) == {"profil": "Choisissez le rôle qui correspond à votre activité."}
    assert "<title>Erreur — Choisir son rôle" in role.text

    await site.post("/inscription/choisir-role", {"profil": "mediateur"})
    employer = await site.post(
        "/inscription/structure-employeuse", {**NOUVELLE, "structure.code_postal": "511", "structure.commune": ""}
    )
    assert employer.status_code == 400
    assert errors(employer) == {
        "structure-code_postal": "Le code postal compte 5 chiffres (exemple : 51100).",
        "structure-commune": "Ce champ est obligatoire.",
    }
    assert 'value="Espace numérique Croix-Rouge"' in employer.text  # what was typed stays
    unknown = await site.post("/inscription/structure-employeuse", {"structure_id": "inconnue"})
    assert unknown.status_code == 400 and errors(unknown) == {"q": "Structure introuvable."}

    assert await count(site.hub, Structure) == 0 and await count(site.hub, Mutation) == 1  # the profile only


async def test_the_recap_needs_the_cgu(site: Site) -> None:
    employeur = await structure(site.hub)
    person = await site.sign_in_as()
    await site.post("/inscription/choisir-role", {"profil": "coordinateur"})
    await site.post("/inscription/structure-employeuse", {"structure_id": employeur})

    refused = await site.post("/inscription/recapitulatif", {})

    assert refused.status_code == 400
    assert errors(refused) == {
        "cgu_acceptees": "Acceptez les conditions générales d'utilisation pour valider votre inscription."
    }
    assert (await user(site, person.id)).inscription_validee is None


async def test_steps_are_taken_in_order(site: Site) -> None:
    await site.sign_in_as()

    for later in ("structure-employeuse", "lieux-activite", "recapitulatif"):
        page = await site.get(f"/inscription/{later}", follow_redirects=False)
        assert (page.status_code, page.headers["location"]) == (303, "/inscription/choisir-role"), later
    skipped = await site.post("/inscription/recapitulatif", {"cgu_acceptees": "true"})
    assert skipped.status_code == 409 and "Choisissez d&#39;abord votre rôle." in skipped.text


async def test_a_lieu_chosen_during_the_sign_up_can_be_withdrawn(site: Site) -> None:
    employeur, mediatheque = await structure(site.hub, nom="Association"), await structure(site.hub)
    await site.sign_in_as()
    await site.post("/inscription/choisir-role", {"profil": "mediateur"})
    await site.post("/inscription/structure-employeuse", {"structure_id": employeur})
    await site.post("/inscription/lieux-activite", {"structure_id": employeur})
    await site.post("/inscription/lieux-activite", {"structure_id": mediatheque})

    page = await site.post("/inscription/lieux-activite/retirer", {"structure_id": employeur})
    last = await site.post("/inscription/lieux-activite/retirer", {"structure_id": mediatheque})
    other = await site.post("/inscription/lieux-activite/retirer", {"structure_id": employeur})

    assert "Médiathèque Jean Falala" in page.text and 'Retirer<span class="fr-sr-only"> Association' not in page.text
    assert last.status_code == 400 and errors(last) == {"q": "Ajoutez au moins un lieu d'activité."}
    assert other.status_code == 404


async def test_the_search_finds_structures_whatever_the_accents_with_or_without_javascript(site: Site) -> None:
    await structure(site.hub)
    await site.sign_in_as()
    await site.post("/inscription/choisir-role", {"profil": "mediateur"})

    fragment = await site.get(
        "/structures/recherche",
        params={"pour": "employeur", "q": "MEDIATHEQUE jean-falala"},
        headers={"HX-Request": "true"},
    )
    page = await site.get("/inscription/structure-employeuse", params={"q": "médiathèque"})
    nothing = await site.get("/structures/recherche", params={"pour": "employeur", "q": "bibliothèque"})

    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "1 structure trouvée pour « MEDIATHEQUE jean-falala »" in fragment.text
    assert '<form method="post" action="/inscription/structure-employeuse"' in fragment.text
    assert (
        'name="csrf_token"' in fragment.text
        and 'Choisir<span class="fr-sr-only"> Médiathèque Jean Falala' in fragment.text
    )
    assert 'hx-get="/structures/recherche"' in page.text and "1 structure trouvée pour « médiathèque »" in page.text
    assert "Aucune structure ne correspond à « bibliothèque »" in nothing.text
    assert (await site.get("/structures/recherche", params={"pour": "ailleurs", "q": "x"})).status_code == 404


async def test_the_dashboard_sends_back_whoever_has_not_finished(site: Site) -> None:
    await site.sign_in_as()
    await site.post("/inscription/choisir-role", {"profil": "mediateur"})  # a role, but no validated sign-up

    dashboard = await site.get("/", follow_redirects=False)

    assert (dashboard.status_code, dashboard.headers["location"]) == (303, "/inscription")
    assert (await site.get("/inscription")).url.path == "/inscription/structure-employeuse"


async def test_administrators_have_no_sign_up(site: Site) -> None:
    await site.sign_in_as("admin")

    assert (await site.get("/", follow_redirects=False)).status_code == 200
    assert (await site.get("/inscription")).status_code == 403
    refused = await site.post("/inscription/choisir-role", {"profil": "mediateur"})
    assert refused.status_code == 403 and "n&#39;utilisent pas les fonctions de médiation" in refused.text
