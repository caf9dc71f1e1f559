"""CRAs filled in a real browser with the keyboard alone — Tab, Space, arrows, Enter and typing,
never a click — from the list of activities to the saved CRA shown in it: an individual
accompaniment linked to a followed bénéficiaire found as you type, then a workshop with a
followed participant and anonymous ones. Each test prints the keys pressed.

People sign in through the demo persona picker; the database is read once the server stopped.
Screenshots are left in the test's temporary folder.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from navigateur import chromium, serve, sign_in

from hub.app import create_app
from hub.core.activites.models import Accompagnement, Activite
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.service import creer_beneficiaire
from hub.core.hub import Hub
from hub.testing import make_hub
from tests.core.organisation.support import mediateur_id, structure, utilisateur

pytestmark = pytest.mark.e2e

TABS_MAX = 120  # more Tabs than this to reach a field: the form is not keyboard-friendly
TOUCHES_PAR_SECONDE = 3  # a person who knows the form, keys pressed at a steady pace


class Clavier:
    """The keyboard of a page, counting the keys pressed (a character typed is one key)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.touches = 0

    def bilan(self, quoi: str, debut: float) -> str:
        humain = self.touches / TOUCHES_PAR_SECONDE
        return (
            f"\n{quoi} au clavier : {self.touches} touches, soit {humain:.0f} s à {TOUCHES_PAR_SECONDE} touches "
            f"par seconde ({time.monotonic() - debut:.1f} s pour le navigateur piloté)"
        )

    async def appuyer(self, touche: str, fois: int = 1) -> None:
        for _ in range(fois):
            await self.page.keyboard.press(touche)
            self.touches += 1

    async def taper(self, texte: str) -> None:
        await self.page.keyboard.type(texte, delay=20)
        self.touches += len(texte)

    async def aller_au_contenu(self) -> None:
        """The page's first link, « Aller au contenu », skips the header and the menu."""
        await self.appuyer("Tab")
        await self.appuyer("Enter")

    async def tabuler_jusqu_a(self, cible: Any) -> None:
        """Tab until ``cible`` (a locator) has the focus."""
        for _ in range(TABS_MAX):
            if await cible.evaluate("element => element === document.activeElement"):
                return
            await self.appuyer("Tab")
        raise AssertionError(f"{cible} jamais atteint avec Tab")


async def preparer(tmp_path: Path) -> tuple[Hub, str]:
    """A hub with a mediator at work (a test user) following Camille Lefèvre; her id."""
    hub = await make_hub(tmp_path)
    employeur = await structure(hub, nom="Association Reims Numérique", code_insee="51454")
    lieu = await structure(hub, code_insee="51454")
    user = await utilisateur(
        hub, "dominique@exemple.fr", "mediateur", prenom="Dominique", nom="Cra", employeur=employeur,
        lieux=[lieu], is_fixture=True,
    )
    async with hub.session() as db, db.begin():
        camille = await creer_beneficiaire(
            db, await mediateur_id(hub, user), BeneficiaireInput(prenom="Camille", nom="Lefèvre"), par=None
        )
    await hub.engine.dispose()  # the server's event loop opens its own connections
    return hub, camille.id


async def ouvrir_le_formulaire(base_url: str, page: Any, clavier: Clavier, genre: str) -> None:
    """From the list of activities: « Enregistrer une activité », then the kind of CRA."""
    await page.goto(f"{base_url}/mes-activites")
    await clavier.aller_au_contenu()
    await clavier.tabuler_jusqu_a(page.get_by_role("link", name="Enregistrer une activité"))
    await clavier.appuyer("Enter")
    await page.wait_for_url(f"{base_url}/mes-activites/cra")
    await clavier.aller_au_contenu()
    await clavier.tabuler_jusqu_a(page.get_by_role("link", name=genre))
    await clavier.appuyer("Enter")
    await page.locator("h1").wait_for()
    await clavier.aller_au_contenu()


async def choisir_le_lieu_et_l_email(page: Any, clavier: Clavier) -> None:
    """The lieu d'activité (its radio, then the mediator's lieu in the list) and the thematique « E-mail »."""
    await clavier.tabuler_jusqu_a(page.locator("#type_lieu-lieu_activite"))
    await clavier.appuyer("Space")
    await clavier.tabuler_jusqu_a(page.locator("#structure_id"))
    await clavier.appuyer("ArrowDown")
    await clavier.tabuler_jusqu_a(page.get_by_label("E-mail", exact=True))
    await clavier.appuyer("Space")


async def shoot(page: Any, folder: Path, name: str) -> None:
    await page.screenshot(path=folder / f"{name}.png", full_page=True)


async def test_an_individual_cra_is_filled_with_the_keyboard_alone(tmp_path: Path) -> None:
    hub, camille = await preparer(tmp_path)

    async with serve(create_app(hub)) as base_url, chromium() as browser:
        page = await sign_in(browser, base_url, "Dominique Cra")
        clavier, debut = Clavier(page), time.monotonic()
        await ouvrir_le_formulaire(base_url, page, clavier, "Accompagnement individuel")
        assert await page.locator("h1").inner_text() == "Enregistrer un accompagnement individuel"

        await clavier.tabuler_jusqu_a(page.get_by_label("Rechercher parmi vos bénéficiaires suivis"))
        await clavier.taper("lefevre")
        resultat = page.locator(f"#beneficiaire-id-{camille}")
        await resultat.wait_for()  # found as you type (htmx), accents ignored
        await clavier.tabuler_jusqu_a(page.locator("#beneficiaire-id-aucun"))
        await clavier.appuyer("ArrowDown")  # the next bénéficiaire of the group: Camille
        assert await resultat.is_checked()
        assert not await page.get_by_text("Déjà accompagné·e par vous auparavant").is_visible()  # no anonymous block

        await clavier.tabuler_jusqu_a(page.locator("#duree-15"))
        await clavier.appuyer("ArrowRight", 2)
        assert await page.locator("#duree-45").is_checked()
        assert not await page.get_by_label("Heures").is_visible()  # only with « Personnaliser »
        await choisir_le_lieu_et_l_email(page, clavier)
        assert not await page.get_by_label("Logement").is_visible()  # only with « Aide aux démarches »
        await clavier.tabuler_jusqu_a(page.locator("#autonomie-entierement_accompagne"))
        await clavier.appuyer("ArrowDown", 2)
        await shoot(page, tmp_path, "cra-individuel")
        await clavier.tabuler_jusqu_a(page.get_by_role("button", name="Enregistrer"))
        await clavier.appuyer("Enter")

        await page.get_by_text("L'activité a été enregistrée.").wait_for()
        print(clavier.bilan("CRA individuel", debut))
        ligne = await page.locator("tbody tr").first.inner_text()
        assert "Camille Lefèvre" in ligne and "E-mail" in ligne and "45 min" in ligne
        await shoot(page, tmp_path, "cra-liste")
        assert clavier.touches / TOUCHES_PAR_SECONDE < 60

    async with hub.session() as db:
        (activite,) = await db.scalars(sa.select(Activite))
        (accompagnement,) = await db.scalars(sa.select(Accompagnement))
    assert (activite.type, activite.duree, activite.thematiques, activite.autonomie) == (
        "individuel",
        45,
        ["email"],
        "autonome",
    )
    assert activite.structure_id is not None and accompagnement.beneficiaire_id == camille
    await hub.shutdown()


async def test_a_workshop_is_filled_with_the_keyboard_alone(tmp_path: Path) -> None:
    hub, camille = await preparer(tmp_path)

    async with serve(create_app(hub)) as base_url, chromium() as browser:
        page = await sign_in(browser, base_url, "Dominique Cra")
        clavier, debut = Clavier(page), time.monotonic()
        await ouvrir_le_formulaire(base_url, page, clavier, "Atelier collectif")

        await clavier.tabuler_jusqu_a(page.get_by_label("Rechercher parmi vos bénéficiaires suivis"))
        await clavier.taper("camille")
        participant = page.locator(f"#participants-{camille}")
        await participant.wait_for()
        await clavier.tabuler_jusqu_a(participant)
        await clavier.appuyer("Space")
        await clavier.tabuler_jusqu_a(page.locator("#participants_anonymes-total"))
        await clavier.taper("5")
        await clavier.tabuler_jusqu_a(page.locator("#participants_anonymes-genre_masculin"))
        await clavier.taper("2")
        await clavier.appuyer("Tab")
        await clavier.taper("1")
        assert await page.locator("#reste-genre").inner_text() == "2"  # non communiqué, kept up to date
        await clavier.tabuler_jusqu_a(page.get_by_label("Titre de l'atelier"))
        await clavier.taper("Mes e-mails")
        await clavier.tabuler_jusqu_a(page.locator("#duree-15"))
        await clavier.appuyer("ArrowRight", 5)
        await choisir_le_lieu_et_l_email(page, clavier)
        await shoot(page, tmp_path, "cra-collectif")
        await clavier.tabuler_jusqu_a(page.get_by_role("button", name="Enregistrer"))
        await clavier.appuyer("Enter")

        await page.get_by_text("L'activité a été enregistrée.").wait_for()
        print(clavier.bilan("CRA collectif", debut))
        ligne = await page.locator("tbody tr").first.inner_text()
        assert "6 participants" in ligne and "Camille Lefèvre" in ligne and "2 h" in ligne
        assert clavier.touches / TOUCHES_PAR_SECONDE < 60

    async with hub.session() as db:
        (activite,) = await db.scalars(sa.select(Activite))
        accompagnes = list(await db.scalars(sa.select(Accompagnement.beneficiaire_id)))
    assert (activite.type, activite.duree, activite.titre_atelier, activite.accompagnements_count) == (
        "collectif",
        120,
        "Mes e-mails",
        6,
    )
    assert camille in accompagnes and len(accompagnes) == 6
    await hub.shutdown()
