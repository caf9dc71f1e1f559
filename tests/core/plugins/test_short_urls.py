"""Short addresses a plugin's manifest declares outside its prefix (``short_urls``)."""

from types import SimpleNamespace

import pytest
from litestar import get
from litestar.testing import AsyncTestClient

from hub import PluginManifest, hookimpl
from hub.app import create_app
from hub.core.errors import StartupError
from hub.core.hub import Hub
from hub.core.settings import load_settings


def plugin(name: str, short_urls: dict[str, str]) -> SimpleNamespace:
    @get("/nationales", opt={"public": True})
    async def nationales() -> str:
        return "chiffres nationaux"

    return SimpleNamespace(
        MANIFEST=PluginManifest(name=name, title=name, description="test", short_urls=short_urls),
        hub_register_pages=hookimpl(lambda: [nationales]),
    )


def build(*plugins: SimpleNamespace) -> Hub:
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:")
    return Hub.create(config, plugins=[(p.MANIFEST.name, p) for p in plugins], autoload=False)


async def test_a_short_url_redirects_to_the_plugin_page_with_its_query_string() -> None:
    hub = build(plugin("chiffres", {"/statistiques": "/chiffres/nationales"}))
    async with AsyncTestClient(create_app(hub)) as client:
        response = await client.get("/statistiques?du=2026-01-01", follow_redirects=False)
        assert response.status_code == 302
        assert response.headers["location"] == "/chiffres/nationales?du=2026-01-01"
        assert (await client.get("/statistiques")).text == "chiffres nationaux"


@pytest.mark.parametrize(
    ("short_url", "target"),
    [("/stats/nationales", "/chiffres/nationales"), ("/Statistiques", "/chiffres/nationales"), ("/statistiques", "/autre/page")],
)
def test_a_short_url_is_one_lowercase_segment_pointing_inside_the_plugin(short_url: str, target: str) -> None:
    with pytest.raises(StartupError, match="adresse courte"):
        build(plugin("chiffres", {short_url: target}))


async def test_two_plugins_cannot_claim_the_same_short_url() -> None:
    hub = build(
        plugin("chiffres", {"/statistiques": "/chiffres/nationales"}),
        plugin("autres", {"/statistiques": "/autres/nationales"}),
    )
    with pytest.raises(StartupError, match="déjà celle du plugin « chiffres »"):
        create_app(hub)
