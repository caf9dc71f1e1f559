"""« Mes lieux d'activité »: a mediator lists, adds (found or created), edits and leaves their lieux,
and only theirs."""

from __future__ import annotations

from urllib.parse import quote
from uuid import uuid4

import pytest
import sqlalchemy as sa
from organisation_helpers import Site, errors, success, table_rows

from hub.core.audit.models import Mutation
from hub.core.hub import Hub
from hub.core.structures.inputs import StructureInput
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.structures.service import creer_structure
from tests.core.organisation.support import REIMS, count, structure, utilisateur

LIEU = {
    "nom": "Médiathèque Jean Falala",
    "adresse": "12 boulevard de la Paix",
    "code_postal": "51100",
    "commune": "Reims",
}


async def mediator_at(site: Site, *lieux: str, email: str = "camille@exemple.fr"):
    """A signed-up mediator working at ``lieux``, signed in."""
    return await site.sign_in(await utilisateur(site.hub, email, "mediateur", prenom="Camille", lieux=list(lieux)))


async def read(hub: Hub, structure_id: str) -> Structure:
    async with hub.session() as db:
        return await db.get(Structure, structure_id)


async def test_the_list_shows_the_lieux_with_their_address(site: Site) -> None:
    mediatheque = await structure(site.hub)
    espace = await structure(site.hub, nom="Espace numérique", adresse="5 avenue Bonaparte")
    await structure(site.hub, nom="Ailleurs")
    await mediator_at(site, mediatheque, espace)

    page = await site.get("/mes-lieux")

    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert "<caption>Vos lieux d'activité (2)</caption>" in page.text
    assert table_rows(page) == ["Espace numérique", "Médiathèque Jean Falala"]
    assert "5 avenue Bonaparte<br>51100 Reims" in page.text
    assert f'href="/mes-lieux/{mediatheque}">Modifier<span class="fr-sr-only"> Médiathèque Jean Falala' in page.text


async def test_a_lieu_found_by_search_is_linked_not_duplicated(site: Site) -> None:
    mediatheque = await structure(site.hub)
    await mediator_at(site)

    search = await site.get("/mes-lieux/ajouter", params={"q": "mediatheque jean falala"})
    added = await site.post("/mes-lieux/ajouter", {"structure_id": mediatheque})
    again = await site.post("/mes-lieux/ajouter", {"structure_id": mediatheque})

    assert "1 structure trouvée pour « mediatheque jean falala »" in search.text
    assert added.url.path == "/mes-lieux" and success(added) == "Le lieu a été ajouté à vos lieux d'activité."
    assert table_rows(added) == ["Médiathèque Jean Falala"]
    assert again.status_code == 400 and errors(again) == {"q": "Vous êtes déjà en activité dans ce lieu."}
    assert await count(site.hub, Structure) == 1


async def test_a_new_lieu_is_created_from_the_form(site: Site) -> None:
    await mediator_at(site)

    refused = await site.post("/mes-lieux/ajouter", {"structure.nom": "Tiers-lieu", "structure.siret": "123"})
    created = await site.post(
        "/mes-lieux/ajouter",
        {
            "structure.nom": "Tiers-lieu",
            "structure.adresse": "1 rue",
            "structure.code_postal": "51100",
            "structure.commune": "Reims",
        },
    )

    assert refused.status_code == 400
    assert errors(refused) == {
        "structure-adresse": "Ce champ est obligatoire.",
        "structure-code_postal": "Ce champ est obligatoire.",
        "structure-commune": "Ce champ est obligatoire.",
        "structure-siret": "Le SIRET compte 14 chiffres (exemple : 21510454600019).",
    }
    assert table_rows(created) == ["Tiers-lieu"]
    assert await count(site.hub, Structure) == 1


async def test_editing_a_lieu_replaces_the_fields_of_the_form_and_keeps_the_others(site: Site) -> None:
    async with site.hub.session() as db, db.begin():
        lieu = await creer_structure(
            db,
            StructureInput(
                **REIMS, latitude=49.25, typologies=["BIB"], services=["Aide aux démarches administratives"]
            ),
            par=None,
        )
    await mediator_at(site, lieu.id)

    form = await site.get(f"/mes-lieux/{lieu.id}")
    saved = await site.post(
        f"/mes-lieux/{lieu.id}",
        LIEU
        | {
            "services": ["Loisirs et créations numériques", "Accès internet et matériel informatique"],
            "telephone": "03 26 00 00 00",
            "courriels": "accueil@exemple.fr\ncontact@exemple.fr",
            "visible_pour_cartographie_nationale": "true",
        },
    )

    assert 'value="Aide aux démarches administratives" checked' in form.text
    assert (
        '<legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="services-legende">Services proposés'
        in form.text
    )
    assert success(saved) == "Le lieu a été enregistré."
    edited = await read(site.hub, lieu.id)
    assert edited.services == ["Loisirs et créations numériques", "Accès internet et matériel informatique"]
    assert (edited.telephone, edited.courriels) == ("+33326000000", ["accueil@exemple.fr", "contact@exemple.fr"])
    assert edited.visible_pour_cartographie_nationale
    assert (edited.latitude, edited.typologies) == (49.25, ["BIB"])  # not on the form: kept


async def test_a_refused_edit_shows_each_error_next_to_its_field_and_writes_nothing(site: Site) -> None:
    lieu = await structure(site.hub)
    await mediator_at(site, lieu)
    before = await count(site.hub, Mutation)

    refused = await site.post(
        f"/mes-lieux/{lieu}",
        LIEU | {"nom": "", "telephone": "12", "site_web": "exemple.fr", "frais_a_charge": ["Hors de prix"]},
    )

    assert refused.status_code == 400
    assert errors(refused) == {
        "nom": "Ce champ est obligatoire.",
        "telephone": "Numéro de téléphone invalide (exemple : 03 26 00 00 00 ou +33326000000).",
        "site_web": "Adresse web invalide (elle commence par https:// ou http://).",
        "frais_a_charge": "Valeur non autorisée : « Hors de prix ».",
    }
    assert 'aria-labelledby="frais_a_charge-legende frais_a_charge-erreur"' in refused.text
    assert (
        'id="telephone" name="telephone" autocomplete="tel" aria-invalid="true" aria-describedby="telephone-erreur"'
        in (refused.text)
    )
    assert 'value="12"' in refused.text
    assert (await read(site.hub, lieu)).nom == "Médiathèque Jean Falala"
    assert await count(site.hub, Mutation) == before


async def test_leaving_a_lieu_asks_first_and_keeps_the_history(site: Site) -> None:
    lieu = await structure(site.hub)
    await mediator_at(site, lieu)

    confirmation = await site.get(f"/mes-lieux/{lieu}/quitter")
    left = await site.post(f"/mes-lieux/{lieu}/quitter")

    assert "<h1>Quitter « Médiathèque Jean Falala »</h1>" in confirmation.text
    assert f'<form method="post" action="/mes-lieux/{lieu}/quitter"' in confirmation.text
    assert success(left) == "Vous n'êtes plus en activité dans ce lieu." and table_rows(left) == []
    async with site.hub.session() as db:
        (activite,) = await db.scalars(sa.select(MediateurEnActivite))
    assert activite.fin is not None
    assert (await site.get(f"/mes-lieux/{lieu}")).status_code == 404


@pytest.mark.parametrize(("method", "suffix"), [("GET", ""), ("POST", ""), ("GET", "/quitter"), ("POST", "/quitter")])
async def test_another_mediators_lieu_is_not_found(site: Site, method: str, suffix: str) -> None:
    theirs = await structure(site.hub)
    await utilisateur(site.hub, "dominique@exemple.fr", "mediateur", lieux=[theirs])
    await mediator_at(site, await structure(site.hub, nom="Le mien"))

    for target in (theirs, str(uuid4()), "pas-un-identifiant\x00"):
        url = f"/mes-lieux/{quote(target)}{suffix}"
        response = await (site.get(url) if method == "GET" else site.post(url, LIEU | {"nom": "Piraté"}))
        assert response.status_code == 404, (method, url)
    assert "Lieu d&#39;activité introuvable." in (await site.get(f"/mes-lieux/{theirs}")).text
    assert (await read(site.hub, theirs)).nom == "Médiathèque Jean Falala"
    async with site.hub.session() as db:
        assert await db.scalar(sa.select(sa.func.count()).where(MediateurEnActivite.fin.is_not(None))) == 0


@pytest.mark.parametrize("roles", [("coordinateur",), ("admin",), ("support",)])
async def test_only_mediators_have_lieux(site: Site, roles: tuple[str, ...]) -> None:
    await site.sign_in_as(*roles)

    assert (await site.get("/mes-lieux")).status_code == 403
    assert (await site.get("/mes-lieux/ajouter")).status_code == 403


async def test_a_mediator_chooses_to_be_visible_and_the_choice_is_journaled(site: Site) -> None:
    mediatheque = await structure(site.hub)
    camille = await mediator_at(site, mediatheque)

    avant = await site.get("/mes-lieux")
    visible = await site.post("/mes-lieux/visibilite", {"visible": "oui"}, follow_redirects=False)
    apres_choix = await site.get("/mes-lieux")
    masque = await site.post("/mes-lieux/visibilite", {"visible": "non"}, follow_redirects=True)

    assert 'id="visible-non" name="visible" value="non" checked' in avant.text
    assert visible.status_code == 303
    assert 'id="visible-oui" name="visible" value="oui" checked' in apres_choix.text
    assert "plus visible des autres." in masque.text
    async with site.hub.session() as db:
        choix = (
            await db.execute(
                sa.select(Mutation.user_id, Mutation.donnees)
                .where(Mutation.nom == "choisir_visibilite")
                .order_by(Mutation.creation)
            )
        ).all()
    assert [(user_id, donnees["visible"]) for user_id, donnees in choix] == [(camille.id, True), (camille.id, False)]
