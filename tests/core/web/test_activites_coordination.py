"""The coordinators' CRA forms (animation, événement, partenariat) and their list."""

from __future__ import annotations

from datetime import date

import pytest
from cra_helpers import UNKNOWN, lignes
from organisation_helpers import Site, errors, success, table_rows

from hub.core.activites.coordination.models import ActiviteCoordination
from tests.core.organisation.support import count

ANIMATION = {
    "date": "2025-04-02",
    "duree": "personnaliser",
    "duree_personnalisee_heures": "1",
    "duree_personnalisee_minutes": "15",
    "type_animation": "autre",
    "type_animation_autre": "Café numérique",
    "initiative": "initiative",
    "thematiques_animation": ["partage", "reseau"],
    "mediateurs": "6",
    "structures": "",
    "autres_acteurs": "2",
}
EVENEMENT = {
    "date": "2025-04-10",
    "nom": "Numérique en fête",
    "echelon_territorial": "departemental",
    "participants": "120",
    "type_evenement": "grand_public",
    "organisateurs": ["ma_structure", "autre"],
    "organisateur_autre": "La bibliothèque",
}
PARTENARIAT = {
    "date": "2025-04-15",
    "nature_partenariat": ["parcours_usager"],
    "structures_partenaires.0.nom": "Mairie de Reims",
    "structures_partenaires.0.type": "commune",
    "structures_partenaires.1.nom": "",
    "structures_partenaires.1.type": "",
    "structures_partenaires.2.nom": "Les amis du numérique",
    "structures_partenaires.2.type": "autre",
    "structures_partenaires.2.type_autre": "Collectif",
}


async def test_a_coordinator_records_each_kind_and_finds_them_listed(site: Site) -> None:
    await site.sign_in_as("coordinateur")

    for slug, data in (("animation", ANIMATION), ("evenement", EVENEMENT), ("partenariat", PARTENARIAT)):
        form = await site.get(f"/mes-activites/cra/{slug}")
        assert form.status_code == 200 and form.text.count("<h1") == 1, slug
        saved = await site.post(f"/mes-activites/cra/{slug}", data)
        assert saved.url.path == "/mes-activites/coordination" and success(saved) == "L'activité a été enregistrée."

    activites = {a.type: a for a in await lignes(site.hub, ActiviteCoordination)}
    animation, evenement, partenariat = activites["animation"], activites["evenement"], activites["partenariat"]
    assert (animation.date, animation.duree, animation.type_animation_autre) == (date(2025, 4, 2), 75, "Café numérique")
    assert (animation.mediateurs, animation.structures, animation.autres_acteurs) == (6, None, 2)
    assert (evenement.participants, evenement.organisateurs, evenement.organisateur_autre) == (
        120,
        ["ma_structure", "autre"],
        "La bibliothèque",
    )
    assert partenariat.structures_partenaires == [
        {"nom": "Mairie de Reims", "type": "commune", "type_autre": None},
        {"nom": "Les amis du numérique", "type": "autre", "type_autre": "Collectif"},
    ]
    assert table_rows(saved) == ["15/04/2025", "10/04/2025", "02/04/2025"]
    assert "Café numérique" in saved.text and "Numérique en fête" in saved.text and "1 h 15" in saved.text


async def test_a_refused_coordination_cra_shows_its_errors(site: Site) -> None:
    await site.sign_in_as("coordinateur")

    animation = await site.post("/mes-activites/cra/animation", {"type_animation": "autre"})
    partenariat = await site.post(
        "/mes-activites/cra/partenariat",
        {"date": "2025-04-15", "nature_partenariat": ["autre"], "structures_partenaires.0.type": "autre"},
    )

    assert animation.status_code == 400
    assert errors(animation) == {
        "date": "Veuillez renseigner une date",
        "duree": "Veuillez renseigner une durée",
        "type_animation_autre": "Veuillez préciser le type d'animation",
        "thematiques_animation": "Veuillez renseigner au moins une thématique d'animation",
        "mediateurs": "Veuillez renseigner au moins un médiateur, une structure ou un autre acteur",
    }
    assert errors(partenariat) == {
        "nature_partenariat_autre": "Veuillez préciser la nature du partenariat",
        "structures_partenaires-0-nom": "Veuillez renseigner le nom de la structure partenaire",
        "structures_partenaires-0-type_autre": "Veuillez préciser le type de structure",
    }
    assert partenariat.text.count("Structure partenaire ") == 4  # the line typed in, and 3 empty ones
    assert await count(site.hub, ActiviteCoordination) == 0


async def test_a_partenariat_needs_a_partner_structure(site: Site) -> None:
    await site.sign_in_as("coordinateur")
    data = {"date": "2025-04-15", "nature_partenariat": "subvention"}

    refused = await site.post("/mes-activites/cra/partenariat", data)

    assert errors(refused) == {"structures_partenaires": "Au moins une structure partenaire est requise"}


async def test_editing_and_duplicating_a_coordination_cra(site: Site) -> None:
    await site.sign_in_as("coordinateur")
    await site.post("/mes-activites/cra/partenariat", PARTENARIAT)
    (activite,) = await lignes(site.hub, ActiviteCoordination)

    form = await site.get(f"/mes-activites/cra/partenariat/{activite.id}")
    copie = await site.get(f"/mes-activites/cra/partenariat/{activite.id}/dupliquer")
    saved = await site.post(f"/mes-activites/cra/partenariat/{activite.id}", PARTENARIAT | {"nom": "Parcours Reims"})

    assert 'value="Les amis du numérique" id="structures_partenaires-1-nom"' in form.text
    assert form.text.count("Structure partenaire ") == 5
    assert '<form method="post" action="/mes-activites/cra/partenariat" novalidate>' in copie.text
    assert 'value="Mairie de Reims"' in copie.text
    assert success(saved) == "L'activité a été enregistrée." and "Parcours Reims" in saved.text
    assert (await site.get(f"/mes-activites/cra/animation/{activite.id}")).status_code == 404  # another kind


async def test_another_coordinators_cra_is_not_found(site: Site) -> None:
    await site.sign_in_as("coordinateur")
    await site.post("/mes-activites/cra/evenement", EVENEMENT)
    (leur,) = await lignes(site.hub, ActiviteCoordination)
    await site.sign_in_as("coordinateur")

    for cible in (leur.id, UNKNOWN):
        base = f"/mes-activites/cra/evenement/{cible}"
        assert (await site.get(base)).status_code == 404
        assert (await site.post(base, EVENEMENT)).status_code == 404
        assert (await site.get(f"{base}/dupliquer")).status_code == 404
        assert (await site.get(f"{base}/supprimer")).status_code == 404
        assert (await site.post(f"{base}/supprimer")).status_code == 404
    (intacte,) = await lignes(site.hub, ActiviteCoordination)
    assert intacte.suppression is None and intacte.nom == "Numérique en fête"


async def test_deleting_a_coordination_cra(site: Site) -> None:
    await site.sign_in_as("coordinateur")
    await site.post("/mes-activites/cra/evenement", EVENEMENT)
    (activite,) = await lignes(site.hub, ActiviteCoordination)

    confirmation = await site.get(f"/mes-activites/cra/evenement/{activite.id}/supprimer")
    deleted = await site.post(f"/mes-activites/cra/evenement/{activite.id}/supprimer")

    assert "<h1>Supprimer un évènement du 10/04/2025</h1>" in confirmation.text
    assert success(deleted) == "L'activité a été supprimée."
    assert "aucune activité de coordination" in deleted.text


@pytest.mark.parametrize("roles", [("mediateur",), ("admin",), ("support",)])
async def test_only_coordinators_record_coordination(site: Site, roles: tuple[str, ...]) -> None:
    await site.sign_in_as(*roles)

    assert (await site.get("/mes-activites/cra/animation")).status_code == 403
    assert (await site.post("/mes-activites/cra/evenement", EVENEMENT)).status_code == 403
    assert (await site.get("/mes-activites/coordination")).status_code == 403
