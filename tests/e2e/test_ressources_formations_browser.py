"""Les Bases resources and trainings in a real browser: « Ressources pour vous » and « Formations
pour vous » on the dashboard, each card explained; the resources search page and the
trainings catalogue load and filter; a training marked followed leaves the recommendations.

Both catalogues are the plugins' demo data (fictitious), synced beforehand by the engine from
local files (no network); the mediator's CRAs are mostly « Santé » and « Banque et achats en
ligne ». People sign in through the demo persona picker. Screenshots are left in the test's
temporary folder.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from navigateur import chromium, serve, sign_in

from hub.app import create_app
from hub.core.hub import Hub
from hub.core.sync.engine import run_stream
from hub.core.sync.states import setup_instance
from hub.testing import make_hub
from tests.core.activites.profil_support import SANTE_ET_BANQUE, mediateur_qui_accompagne

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CONNECTEURS = [
    {"id": "les-bases", "kind": "ressources.les_bases",
     "config": {"dossier": str(ROOT / "plugins" / "ressources" / "demo")}},
    {"id": "catalogue", "kind": "formations.catalogue",
     "config": {"source": str(ROOT / "plugins" / "formations" / "demo" / "catalogue-demo.json")}},
]


async def preparer(tmp_path: Path) -> Hub:
    plugins = [(nom, importlib.import_module(f"plugins.{nom}.plugin")) for nom in ("ressources", "formations")]
    hub = await make_hub(tmp_path, plugins=plugins, connectors=CONNECTEURS)
    await hub.startup(scheduler=False)
    for instance, flux in (("les-bases", "ressources"), ("les-bases", "contenus"), ("catalogue", "formations")):
        assert await setup_instance(hub, instance) == "loaded"
        assert (await run_stream(hub, instance, flux)).status == "success"
    await mediateur_qui_accompagne(
        hub, "sante@exemple.fr", SANTE_ET_BANQUE, prenom="Sacha", nom="Santé", is_fixture=True
    )
    await hub.engine.dispose()  # the server's event loop opens its own connections
    return hub


async def test_widgets_and_pages_in_chromium(tmp_path: Path) -> None:
    hub = await preparer(tmp_path)
    async with serve(create_app(hub)) as base_url, chromium() as browser:
        page = await sign_in(browser, base_url, "Sacha Santé")
        await page.goto(f"{base_url}/")

        ressources = page.locator('[data-widget="ressources.pour_vous"]')
        await ressources.locator(".hub-widget-list .fr-card").first.wait_for()
        cartes = await ressources.locator(".hub-widget-list .fr-card__title").all_inner_texts()
        assert cartes[0] == "Créer son compte Ameli pas à pas (fictive)"
        assert len(cartes) == 3
        explications = await ressources.locator(".hub-explication").all_inner_texts()
        assert all(e.startswith("Parce que vous accompagnez souvent sur") for e in explications)
        assert "« Santé »" in explications[0] and "« Banque et achats en ligne »" in explications[0]

        formations = page.locator('[data-widget="formations.pour_vous"]')
        await formations.locator(".hub-widget-list .fr-card").first.wait_for()
        premiere = await formations.locator(".hub-widget-list .fr-card__title").first.inner_text()
        assert "santé" in premiere.lower()
        assert "Parce que vous accompagnez souvent sur « Santé »" in await formations.locator(".hub-explication").first.inner_text()
        await page.screenshot(path=tmp_path / "tableau_de_bord.png", full_page=True)

        # The resources search: accent-insensitive words, then a theme.
        await page.goto(f"{base_url}/ressources")
        assert await page.locator("h1").inner_text() == "Ressources des Bases du numérique"
        assert await page.locator("#resultats").inner_text() == "6 ressources trouvées"
        await page.get_by_label("Mots-clés").fill("ECRANS")
        await page.get_by_role("button", name="Rechercher").click()
        await page.wait_for_url("**/ressources?*q=ECRANS*")
        assert await page.locator("#resultats").inner_text() == "1 ressource trouvée"
        assert await page.locator("ul.fr-grid-row .fr-card__title").all_inner_texts() == ["Écrans et parentalité (fictive)"]
        await page.get_by_label("Mots-clés").fill("")
        await page.get_by_label("Thème").select_option(label="Numérique en santé")
        await page.get_by_role("button", name="Rechercher").click()
        await page.wait_for_url("**theme=numerique_en_sante*")
        assert await page.locator("#resultats").inner_text() == "2 ressources trouvées"
        await page.screenshot(path=tmp_path / "ressources.png", full_page=True)

        # The trainings catalogue: filter by public, then mark one followed.
        await page.goto(f"{base_url}/formations")
        toutes = await page.locator("tbody tr").count()
        await page.get_by_label("Public").select_option(label="Coordinateurs")
        await page.get_by_role("button", name="Filtrer").click()
        await page.wait_for_url("**public=coordinateur*")
        coordination = await page.locator("tbody tr").count()
        assert 0 < coordination < toutes
        await page.goto(f"{base_url}/")
        await formations.locator(".hub-widget-list .fr-card").first.wait_for()
        await formations.get_by_role("button", name="Je l'ai suivie").first.click()
        await page.wait_for_url(f"{base_url}/")
        await formations.locator(".hub-widget-list .fr-card").first.wait_for()
        assert await formations.locator(".hub-widget-list .fr-card__title").first.inner_text() != premiere
        await page.goto(f"{base_url}/formations")
        assert await page.locator("tbody .fr-badge", has_text="Suivie").count() == 1
        await page.screenshot(path=tmp_path / "formations.png", full_page=True)
