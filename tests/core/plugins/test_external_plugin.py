"""A plugin living outside this repository, installed through an entry point, works like ours."""

import textwrap
from pathlib import Path

from hub.core.hub import Hub
from hub.core.settings import load_settings
from hub.testing.distribution import on_sys_path, write_distribution

PARTNER_PLUGIN = textwrap.dedent(
    '''
    from hub import JobSpec, MenuItem, Permission, PluginManifest, WidgetSpec, hookimpl

    MANIFEST = PluginManifest(name="partenaire", title="Partenaire", description="Un plugin externe.")

    async def resume(ctx):
        return "<p>Bonjour du partenaire</p>"

    async def compter(ctx, n: int) -> dict:
        return {"total": n}

    @hookimpl
    def hub_register_permissions():
        return [Permission(name="partenaire.view", label="Voir le partenaire")]

    @hookimpl
    def hub_register_widgets():
        return [WidgetSpec(id="partenaire.resume", title="Partenaire", render=resume, permission="partenaire.view")]

    @hookimpl
    def hub_register_menu():
        return [MenuItem(label="Partenaire", href="/partenaire", permission="partenaire.view")]

    @hookimpl
    def hub_register_jobs():
        return [JobSpec(name="partenaire:compter", func=compter)]
    '''
)


def test_entry_point_plugin_is_discovered_with_its_version_and_contributions(tmp_path: Path) -> None:
    folder = write_distribution(
        tmp_path / "site",
        name="hub-partenaire",
        version="2.3.1",
        sources={"hub_partenaire/__init__.py": "", "hub_partenaire/plugin.py": PARTNER_PLUGIN},
        entry_points={"partenaire": "hub_partenaire.plugin"},
    )
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:")
    with on_sys_path(folder):
        hub = Hub.create(config, autoload=True)
    info = hub.registry.plugins["partenaire"]
    assert (info.version, info.blocked) == ("2.3.1", False)
    assert set(info.hooks) == {
        "hub_register_permissions",
        "hub_register_widgets",
        "hub_register_menu",
        "hub_register_jobs",
    }
    contributed = hub.catalog.by_plugin("partenaire")
    assert [w.id for w in contributed["widgets"]] == ["partenaire.resume"]
    assert [j.name for j in contributed["jobs"]] == ["partenaire:compter"]
    assert {"rdv", "cartographie", "ressources", "stats", "formations"} <= set(hub.registry.plugins)


def test_blocked_entry_point_plugin_is_not_even_imported(tmp_path: Path) -> None:
    folder = write_distribution(
        tmp_path / "site",
        name="hub-casse",
        sources={"hub_casse/__init__.py": "", "hub_casse/plugin.py": "raise RuntimeError('cassé')"},
        entry_points={"casse": "hub_casse.plugin"},
    )
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:", plugins_disabled=["casse"])
    with on_sys_path(folder):
        hub = Hub.create(config, autoload=True)
    assert hub.registry.plugins["casse"].blocked
