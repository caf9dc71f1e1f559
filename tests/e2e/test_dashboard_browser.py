"""The dashboard in a real browser: Debian's chromium driven by Playwright, the app under uvicorn,
signed in through the demo persona picker (a real form post, CSRF token included).

This module is itself the test plugin « exemple » (a plugin is a module with a MANIFEST and hooks).
"""

import sys

import pytest
from navigateur import chromium, serve

import hub as hub_api
from hub.app import create_app
from hub.testing import create_test_user, make_hub

pytestmark = pytest.mark.e2e

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


async def test_dashboard_in_chromium(tmp_path):
    hub = await make_hub(tmp_path, plugins=[("exemple", sys.modules[__name__])])
    await create_test_user(hub, roles=("mediateur",), prenom="Camille", nom="Démo")
    await hub.engine.dispose()  # the server's event loop opens its own connections

    async with serve(create_app(hub)) as base_url, chromium() as browser:
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
