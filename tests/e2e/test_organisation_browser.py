"""Identity and organisation in a real browser: the sign-up of a new person, a team invitation
sent, received by e-mail and accepted, a lieu d'activité found by search, edited and left.

People sign in through the demo persona picker; the database is read once the server stopped.
Screenshots are left in the test's temporary folder.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from navigateur import chromium, serve, sign_in

from hub.app import create_app
from hub.core.hub import Hub
from hub.core.identity.models import User
from hub.core.structures.emplois import contrat_en_cours
from hub.core.structures.inputs import StructureInput
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.structures.service import creer_structure
from hub.testing import create_test_user, make_hub

pytestmark = pytest.mark.e2e

MEDIATHEQUE = StructureInput(
    nom="Médiathèque Jean Falala",
    adresse="12 boulevard de la Paix",
    commune="Reims",
    code_postal="51100",
    services=["Aide aux démarches administratives"],
)
ASSOCIATION = StructureInput(
    nom="Association Reims Numérique", adresse="18 rue de Vesle", commune="Reims", code_postal="51100"
)


async def structures(hub: Hub, *data: StructureInput) -> list[str]:
    async with hub.session() as db, db.begin():
        return [(await creer_structure(db, item, par=None)).id for item in data]


async def ready(hub: Hub) -> None:
    await hub.engine.dispose()  # the server's event loop opens its own connections


async def shoot(page: Any, folder: Path, name: str) -> None:
    await page.screenshot(path=folder / f"{name}.png", full_page=True)


async def stepper(page: Any) -> str:
    return " ".join((await page.locator(".fr-stepper__title").inner_text()).split())


async def test_a_new_person_signs_up_through_the_four_steps(tmp_path: Path) -> None:
    hub = await make_hub(tmp_path)
    employeur_id, mediatheque_id = await structures(hub, ASSOCIATION, MEDIATHEQUE)
    person = await create_test_user(hub, roles=(), prenom="Sacha", nom="Nouveau")
    await ready(hub)

    async with serve(create_app(hub)) as base_url, chromium() as browser:
        page = await sign_in(browser, base_url, "Sacha Nouveau")
        assert page.url == f"{base_url}/inscription/choisir-role"
        assert await stepper(page) == "Choisir son rôle Étape 1 sur 4"
        assert await page.locator("h1").all_inner_texts() == ["Inscription"]
        await shoot(page, tmp_path, "inscription-1-role")
        await page.get_by_label("Conseiller·ère numérique").focus()
        await page.keyboard.press("Space")
        await page.get_by_role("button", name="Continuer").click()

        await page.wait_for_url(f"{base_url}/inscription/structure-employeuse")
        assert await stepper(page) == "Structure employeuse Étape 2 sur 4"
        await page.get_by_label("Nom, commune, code postal ou SIRET").press_sequentially("association reims")
        await page.get_by_role("button", name="Choisir Association Reims Numérique").click()  # htmx results

        await page.wait_for_url(f"{base_url}/inscription/lieux-activite")
        assert await stepper(page) == "Lieux d'activité Étape 3 sur 4"
        await page.get_by_label("Nom, commune, code postal ou SIRET").press_sequentially("médiathèque")
        await page.get_by_role("button", name="Ajouter Médiathèque Jean Falala").click()
        await page.get_by_role("button", name="Retirer Médiathèque Jean Falala").wait_for()
        await page.get_by_label("Nom (obligatoire)").fill("Espace numérique Croix-Rouge")
        await page.get_by_label("Adresse (obligatoire)").fill("5 avenue Bonaparte")
        await page.get_by_label("Code postal (obligatoire)").fill("511")
        await page.get_by_label("Commune (obligatoire)").fill("Reims")
        await page.get_by_role("button", name="Créer et ajouter cette structure").click()
        error = page.locator("#structure-code_postal-erreur")
        assert await error.inner_text() == "Le code postal compte 5 chiffres (exemple : 51100)."
        assert await page.get_by_label("Code postal (obligatoire)").get_attribute("aria-describedby") == (
            "structure-code_postal-erreur"
        )
        await shoot(page, tmp_path, "inscription-3-lieux-erreur")
        await page.get_by_label("Code postal (obligatoire)").fill("51100")
        await page.get_by_role("button", name="Créer et ajouter cette structure").click()
        await page.get_by_role("button", name="Retirer Espace numérique Croix-Rouge").wait_for()
        await shoot(page, tmp_path, "inscription-3-lieux")
        await page.get_by_role("link", name="Continuer").click()

        await page.wait_for_url(f"{base_url}/inscription/recapitulatif")
        assert await stepper(page) == "Récapitulatif Étape 4 sur 4"
        recap = await page.locator(".hub-recapitulatif").inner_text()
        assert "Conseiller·ère numérique" in recap and "Association Reims Numérique" in recap
        assert "Espace numérique Croix-Rouge" in recap and "Médiathèque Jean Falala" in recap
        await page.get_by_label("J'accepte les conditions générales d'utilisation").focus()
        await page.keyboard.press("Space")
        await shoot(page, tmp_path, "inscription-4-recapitulatif")
        await page.get_by_role("button", name="Valider mon inscription").click()

        await page.wait_for_url(f"{base_url}/")
        assert await page.locator("h1").all_inner_texts() == ["Tableau de bord"]
        assert "Médiateur·rice" in await page.locator("header").inner_text()

    async with hub.session() as db:
        user = await db.get(User, person.id)
        assert user.inscription_validee is not None and user.is_conseiller_numerique
        assert (await contrat_en_cours(db, person.id)).structure_id == employeur_id
        mediateur_id = await db.scalar(sa.text("select id from mediateurs where user_id = :u"), {"u": person.id})
        lieux = {lieu.structure.nom: lieu.structure.id for lieu in await lieux_activite(db, mediateur_id)}
        assert lieux["Médiathèque Jean Falala"] == mediatheque_id and "Espace numérique Croix-Rouge" in lieux
    await hub.shutdown()


async def test_a_coordinator_invites_a_mediator_who_accepts(tmp_path: Path) -> None:
    hub = await make_hub(tmp_path)
    await create_test_user(hub, roles=("coordinateur",), prenom="Claude", nom="Coordination")
    await create_test_user(hub, roles=("mediateur",), prenom="Camille", nom="Médiation", email="camille@exemple.fr")
    await ready(hub)

    async with serve(create_app(hub)) as base_url, chromium() as browser:
        claude = await sign_in(browser, base_url, "Claude Coordination")
        await claude.get_by_role("link", name="Mon équipe").click()
        await claude.get_by_label("Adresses e-mail").fill("camille@exemple.fr")
        await claude.get_by_role("button", name="Envoyer les invitations").click()
        await claude.get_by_text("Les invitations ont été envoyées.").wait_for()
        assert await claude.locator("tbody .fr-badge").all_text_contents() == ["Invitation envoyée"]

        (mail,) = sorted((Path(hub.settings.data_dir) / "mails").glob("*.eml"))
        text = message_from_bytes(mail.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
        link = re.search(r"https?://\S+(/invitations/[0-9a-f-]+)", text).group(1)

        camille = await sign_in(browser, base_url, "Camille Médiation")
        assert "Mes invitations (1)" in await camille.locator("header").inner_text()
        await camille.goto(base_url + link)
        assert await camille.locator("h1").inner_text() == "Invitation à rejoindre l'équipe de Claude Coordination"
        await shoot(camille, tmp_path, "invitation")
        await camille.get_by_role("button", name="Accepter l'invitation").click()
        await camille.wait_for_url(f"{base_url}/mes-equipes?fait=rejointe")
        assert "Claude Coordination" in await camille.locator("table").inner_text()
        assert "Mes invitations" not in await camille.locator("header").inner_text()

        await claude.reload()
        assert await claude.locator("tbody .fr-badge").all_text_contents() == ["Actif"]
        await shoot(claude, tmp_path, "mon-equipe")
    await hub.shutdown()


async def test_a_mediator_adds_a_lieu_found_without_accents_edits_it_and_leaves_it(tmp_path: Path) -> None:
    hub = await make_hub(tmp_path)
    (mediatheque_id,) = await structures(hub, MEDIATHEQUE)
    await create_test_user(hub, roles=("mediateur",), prenom="Dominique", nom="Lieux")
    await ready(hub)

    async with serve(create_app(hub)) as base_url, chromium() as browser:
        page = await sign_in(browser, base_url, "Dominique Lieux")
        await page.get_by_role("link", name="Mes lieux d'activité").click()
        await page.get_by_role("link", name="Ajouter un lieu").click()
        await page.get_by_label("Nom, commune, code postal ou SIRET").press_sequentially("mediatheque jean falala")
        await page.get_by_text("1 structure trouvée pour « mediatheque jean falala »").wait_for()
        await shoot(page, tmp_path, "lieux-recherche")
        await page.get_by_role("button", name="Ajouter Médiathèque Jean Falala").click()
        await page.get_by_text("Le lieu a été ajouté à vos lieux d'activité.").wait_for()

        await page.get_by_role("link", name="Modifier Médiathèque Jean Falala").click()
        services = page.get_by_role("group", name="Services proposés")
        assert await services.get_by_label("Aide aux démarches administratives").is_checked()
        await services.get_by_label("Loisirs et créations numériques").focus()
        await page.keyboard.press("Space")
        await shoot(page, tmp_path, "lieux-modifier")
        await page.get_by_role("button", name="Enregistrer").click()
        await page.get_by_text("Le lieu a été enregistré.").wait_for()
        assert "Loisirs et créations numériques" in await page.locator("table").inner_text()
        await shoot(page, tmp_path, "lieux-liste")

        await page.get_by_role("link", name="Quitter Médiathèque Jean Falala").click()
        await page.get_by_role("button", name="Quitter ce lieu").click()
        await page.get_by_text("Vous n'êtes plus en activité dans ce lieu.").wait_for()
        assert await page.locator("table").count() == 0

    async with hub.session() as db:
        assert await db.scalar(sa.select(sa.func.count()).select_from(Structure)) == 1  # linked, not duplicated
        structure = await db.get(Structure, mediatheque_id)
        assert structure.services == ["Aide aux démarches administratives", "Loisirs et créations numériques"]
        (activite,) = await db.scalars(sa.select(MediateurEnActivite))
        assert activite.structure_id == mediatheque_id and activite.fin is not None
    await hub.shutdown()
