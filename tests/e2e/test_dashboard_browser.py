"""The dashboard in a real browser: Debian's chromium driven by Playwright, the app under uvicorn,
signed in through the demo persona picker (a real form post, CSRF token included).

This module is itself the test plugin « exemple » (a plugin is a module with a MANIFEST and hooks).
"""

import asyncio
import os
import shutil
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import uvicorn
from litestar import Litestar

import hub as hub_api
from hub.app import create_app
from hub.testing import create_test_user, make_hub
from hub.web.assets import build_assets

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MANIFEST = hub_api.PluginManifest(name="exemple", title="Exemple", description="Plugin du test de bout en bout.")


async def bonjour(ctx: hub_api.WidgetContext) -> str:
    return "<p>Bonjour depuis le bloc d'exemple</p>"


async def en_panne(ctx: hub_api.WidgetContext) -> str:
    raise RuntimeError("panne volontaire du test")


@hub_api.hookimpl
def hub_register_widgets():
    return [
        hub_api.WidgetSpec(id="exemple.bonjour", title="Bonjour", render=bonjour, order=1),
        hub_api.WidgetSpec(id="exemple.en_panne", title="En panne", render=en_panne, order=2),
    ]


def require_browser_and_assets() -> None:
    if not CHROMIUM.exists():
        message = (
            f"Chromium est introuvable ({CHROMIUM}) : lancez l'installation du projet, "
            "qui installe le paquet Debian chromium."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if shutil.which("npm") is None:
        pytest.skip("npm est absent : impossible d'installer le DSFR et htmx (`python -m hub.web.assets`).")
    build_assets()


@asynccontextmanager
async def serve(app: Litestar) -> AsyncIterator[str]:
    """Run ``app`` under uvicorn on a free loopback port, in a thread with its own event loop."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    else:
        raise RuntimeError("uvicorn n'a pas démarré")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


async def test_dashboard_in_chromium(tmp_path):
    require_browser_and_assets()
    from playwright.async_api import async_playwright

    hub = await make_hub(tmp_path, plugins=[("exemple", sys.modules[__name__])])
    await create_test_user(hub, roles=("mediateur",), prenom="Camille", nom="Démo")
    await hub.engine.dispose()  # the server's event loop opens its own connections

    async with serve(create_app(hub)) as base_url, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            page.set_default_timeout(10_000)
            async with page.expect_response(lambda r: r.url.endswith("/dsfr/dsfr.min.css")) as css:
                await page.goto(f"{base_url}/")
            assert (await css.value).status == 200
            assert page.url == f"{base_url}/connexion"  # anonymous: sent to the persona picker

            await page.get_by_role("button", name="Se connecter en tant que Camille Démo").click()
            await page.wait_for_url(f"{base_url}/")
            assert "Connecté·e : Camille Démo" in await page.locator("header").inner_text()

            await page.locator("text=Bonjour depuis le bloc d'exemple").wait_for()
            error_card = page.locator('[data-widget="exemple.en_panne"] .fr-alert--error')
            await error_card.wait_for()
            assert "Ce bloc n'a pas pu être chargé" in await error_card.inner_text()

            assert await page.locator("h1").all_inner_texts() == ["Tableau de bord"]
            assert await page.locator("header.fr-header").is_visible()
            assert await page.locator(".fr-skiplinks a").all_inner_texts() == [
                "Aller au contenu",
                "Aller au menu",
                "Aller au pied de page",
            ]
            dsfr_rules = await page.evaluate(
                "() => [...document.styleSheets].filter(s => (s.href || '').endsWith('dsfr.min.css'))"
                ".reduce((n, s) => n + s.cssRules.length, 0)"
            )
            assert dsfr_rules > 1000
            assert await page.get_attribute("html", "data-fr-js") == "true"  # DSFR's JavaScript ran

            await page.screenshot(path=tmp_path / "tableau_de_bord.png", full_page=True)
        finally:
            await browser.close()
