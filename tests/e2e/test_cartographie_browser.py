"""The cartographie plugin in a real browser: « Mon réseau » opens on the mediator's
département, a search typed with the keyboard narrows the directory as you type and again when
submitted with Enter, the lieux list merges the hub's lieux and the national ones, and the
dashboard's « Près de chez moi » shows the national lieu next to the mediator's lieu.

The national lieux are synced beforehand from a mocked data·inclusion (no network); people sign
in through the demo persona picker. Screenshots are left in the test's temporary folder.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from navigateur import chromium, serve, sign_in

from hub.app import create_app
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from hub.core.sync.engine import run_stream
from hub.core.sync.states import setup_instance
from hub.testing import make_hub
from tests.connectors.data_inclusion.fixtures import envelopes, structure as structure_nationale
from tests.core.organisation.support import structure, utilisateur
from tests.plugins.cartographie.soutien import INSTANCE, instance, routeur

pytestmark = pytest.mark.e2e

TABS_MAX = 80
NATIONAUX = [
    structure_nationale(1, nom="Maison de quartier Orgeval", commune="Reims", code_postal="51100",
                        code_insee="51454", latitude=49.2620, longitude=4.0300),
    structure_nationale(2, nom="École de la deuxième chance", commune="Châlons-en-Champagne",
                        code_postal="51000", code_insee="51108", latitude=48.9566, longitude=4.3631),
]


async def preparer(tmp_path: Path) -> Hub:
    """A hub whose Marne is synced, with two visible mediators at work in Reims."""
    router = routeur()
    router.get("/api/v1/structures").respond(json=envelopes(NATIONAUX, 100)[1])
    plugin = importlib.import_module("plugins.cartographie.plugin")
    hub = await make_hub(tmp_path, plugins=[("cartographie", plugin)], connectors=[instance()])
    hub.http_transport = httpx.MockTransport(router.async_handler)
    await hub.startup(scheduler=False)  # declares the connector instances
    await setup_instance(hub, INSTANCE)
    assert (await run_stream(hub, INSTANCE, "lieux")).status == "success"

    mediatheque = await structure(hub, nom="Médiathèque Jean Falala", code_insee="51454",
                                  latitude=49.2583, longitude=4.0347)
    for prenom, nom in (("Dominique", "Réseau"), ("Bruno", "Lefèvre")):
        user = await utilisateur(hub, f"{prenom.lower()}@exemple.fr", "mediateur", prenom=prenom, nom=nom,
                                 lieux=[mediatheque], is_fixture=True)
        async with hub.session() as db, db.begin():
            await db.execute(sa.update(Mediateur).where(Mediateur.user_id == user.id).values(is_visible=True))
    await hub.engine.dispose()  # the server's event loop opens its own connections
    return hub


async def tabuler_jusqu_a(page: Any, cible: Any) -> int:
    """Tab until ``cible`` has the focus; the number of Tabs pressed."""
    for fois in range(TABS_MAX):
        if await cible.evaluate("element => element === document.activeElement"):
            return fois
        await page.keyboard.press("Tab")
    raise AssertionError(f"{cible} jamais atteint avec Tab")


async def noms(page: Any) -> list[str]:
    return [nom.strip() for nom in await page.locator("#resultats-reseau tbody tr td:first-child").all_inner_texts()]


async def shoot(page: Any, folder: Path, name: str) -> None:
    await page.screenshot(path=folder / f"{name}.png", full_page=True)


async def test_mon_reseau_and_pres_de_chez_moi_in_chromium(tmp_path: Path) -> None:
    hub = await preparer(tmp_path)

    async with serve(create_app(hub)) as base_url, chromium() as browser:
        page = await sign_in(browser, base_url, "Dominique Réseau")
        assert page.url == f"{base_url}/"

        bloc = page.locator('[data-widget="cartographie.pres_de_chez_moi"]')
        await bloc.get_by_text("Maison de quartier Orgeval").wait_for()
        texte = await bloc.inner_text()
        assert "0,5 km de Médiathèque Jean Falala" in texte
        assert texte.index("Maison de quartier Orgeval") < texte.index("École de la deuxième chance")
        await shoot(page, tmp_path, "tableau-de-bord")

        await page.get_by_role("link", name="Mon réseau").click()
        await page.wait_for_url(f"{base_url}/cartographie/reseau")
        assert "Mon réseau" in await page.locator("h1").inner_text()
        assert await page.get_by_label("Département", exact=True).input_value() == "51"  # the mediator's lieu
        assert await noms(page) == ["Bruno Lefèvre", "Dominique Réseau"]

        await page.keyboard.press("Tab")
        await page.keyboard.press("Enter")  # « Aller au contenu »
        recherche = page.get_by_label("Nom, structure employeuse ou lieu d'activité")
        await tabuler_jusqu_a(page, recherche)
        await page.keyboard.type("LEFEVRE", delay=30)
        await page.locator("#compte-reseau").get_by_text("1 personne sur 2").wait_for()  # as you type (htmx)
        assert await noms(page) == ["Bruno Lefèvre"]
        await shoot(page, tmp_path, "reseau-recherche")
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"{base_url}/cartographie/reseau?departement=51&q=LEFEVRE*")
        assert await noms(page) == ["Bruno Lefèvre"]

        lieux = page.get_by_role("link", name="Lieux", exact=True)
        await tabuler_jusqu_a(page, lieux)
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"{base_url}/cartographie/reseau/lieux?departement=51")
        titres = await page.locator("#resultats-reseau h3").all_inner_texts()
        assert titres == ["École de la deuxième chance", "Maison de quartier Orgeval", "Médiathèque Jean Falala"]
        await shoot(page, tmp_path, "reseau-lieux")
    await hub.shutdown()
