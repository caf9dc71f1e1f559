"""One test per hook of the plugin host, named after the hook (the documentation meta-test checks)."""

import textwrap
from pathlib import Path
from types import SimpleNamespace

import pluggy
import pytest
from click.testing import CliRunner

from hub import MenuItem, Permission, PluginManifest, hookimpl, hookspec
from hub.core.errors import StartupError
from hub.core.hub import Hub
from hub.core.settings import load_settings
from hub.testing.distribution import on_sys_path, write_distribution


def plugin(name: str, **hooks: object) -> SimpleNamespace:
    return SimpleNamespace(MANIFEST=PluginManifest(name=name, title=name, description="test"), **hooks)


def build(*plugins: SimpleNamespace) -> Hub:
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:")
    return Hub.create(config, plugins=[(p.MANIFEST.name, p) for p in plugins], autoload=False)


class IndicatorSpecs:
    @hookspec
    def exemple_register_indicators(self) -> list[str]:
        """Indicators other plugins add to the exemple plugin."""


def test_hub_add_hookspecs_lets_a_plugin_publish_a_hook_that_others_implement() -> None:
    @hookimpl
    def hub_add_hookspecs(pluginmanager: pluggy.PluginManager) -> None:
        pluginmanager.add_hookspecs(IndicatorSpecs)

    @hookimpl
    def exemple_register_indicators() -> list[str]:
        return ["rdv_honores"]

    # The implementing plugin is registered before the publisher: the historic hook still applies.
    hub = build(
        plugin("client", exemple_register_indicators=exemple_register_indicators),
        plugin("exemple", hub_add_hookspecs=hub_add_hookspecs),
    )
    assert hub.registry.pm.hook.exemple_register_indicators() == [["rdv_honores"]]


def test_hub_register_permissions_are_collected_with_their_plugin() -> None:
    @hookimpl
    def hub_register_permissions() -> list[Permission]:
        return [Permission(name="exemple.view", label="Voir"), Permission(name="exemple.edit", label="Modifier")]

    hub = build(plugin("exemple", hub_register_permissions=hub_register_permissions))
    exemple = [c for c in hub.catalog.permissions if c.plugin == "exemple"]
    assert [c.item.name for c in exemple] == ["exemple.view", "exemple.edit"]


def test_hub_register_menu_entries_are_ordered_across_plugins() -> None:
    @hookimpl(specname="hub_register_menu")
    def menu_a() -> list[MenuItem]:
        return [MenuItem(label="Second", href="/aa", order=20)]

    @hookimpl(specname="hub_register_menu")
    def menu_b() -> list[MenuItem]:
        return [MenuItem(label="Premier", href="/bb/liste", order=10)]

    hub = build(plugin("aa", menu_a=menu_a), plugin("bb", menu_b=menu_b))
    plugins_menu = [(c.plugin, c.item.label) for c in hub.catalog.menu if c.plugin != "hub"]
    assert plugins_menu == [("bb", "Premier"), ("aa", "Second")]


def test_hub_register_menu_entries_must_point_inside_the_plugin() -> None:
    @hookimpl
    def hub_register_menu() -> list[MenuItem]:
        return [MenuItem(label="Ailleurs", href="/exemple-bis")]

    with pytest.raises(StartupError, match="« exemple ».*/exemple"):
        build(plugin("exemple", hub_register_menu=hub_register_menu))


def test_the_core_menu_keeps_its_french_paths() -> None:
    hub = build()
    assert {c.item.href for c in hub.catalog.menu if c.plugin == "hub"} == {
        "/mes-activites",
        "/mes-beneficiaires",
        "/imports",
        "/exports",
        "/mes-lieux",
        "/mes-equipes",
        "/mon-equipe",
        "/administration/journal",
        "/admin/connecteurs",
    }


def test_hub_register_commands_appear_as_hub_slug_command(tmp_path: Path) -> None:
    source = textwrap.dedent(
        '''
        import click
        from hub import PluginManifest, hookimpl

        MANIFEST = PluginManifest(name="outils", title="Outils", description="Commandes.")

        @click.command("bonjour")
        @click.argument("nom")
        def bonjour(nom):
            click.echo(f"Bonjour {nom}")

        @hookimpl
        def hub_register_commands():
            return [bonjour]
        '''
    )
    folder = write_distribution(
        tmp_path / "site",
        name="hub-outils",
        sources={"hub_outils/__init__.py": "", "hub_outils/plugin.py": source},
        entry_points={"outils": "hub_outils.plugin"},
    )
    from hub.cli import main

    env = {"HUB_DISABLE_PLUGIN_AUTOLOAD": "0", "HUB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"}
    with on_sys_path(folder):
        result = CliRunner().invoke(main, ["outils", "bonjour", "Camille"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Bonjour Camille"


async def test_hub_startup_is_awaited_and_a_failing_plugin_stays_isolated(caplog: pytest.LogCaptureFixture) -> None:
    events: list[str] = []

    @hookimpl
    async def hub_startup() -> None:
        events.append("startup")

    @hookimpl(specname="hub_startup")
    def broken_startup() -> None:
        raise RuntimeError("boum")

    hub = build(plugin("casse", broken_startup=broken_startup), plugin("sain", hub_startup=hub_startup))
    await hub.startup()
    await hub.shutdown()
    assert events == ["startup"]
    assert "le plugin casse a échoué dans hub_startup" in caplog.text


async def test_hub_shutdown_is_awaited_once_when_the_hub_stops() -> None:
    events: list[str] = []

    @hookimpl
    async def hub_shutdown() -> None:
        events.append("shutdown")

    hub = build(plugin("sain", hub_shutdown=hub_shutdown))
    await hub.shutdown()
    assert events == ["shutdown"]
