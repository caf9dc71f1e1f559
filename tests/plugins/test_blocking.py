"""Blocking a plugin in hub.toml removes everything it contributes: routes, widgets, jobs, menu."""

import textwrap
from pathlib import Path

from hub.testing import make_hub
from hub.testing.distribution import on_sys_path, write_distribution
from hub.worker import build_worker_settings

PARTNER = textwrap.dedent(
    '''
    from hub import JobSpec, MenuItem, Permission, PluginManifest, hookimpl

    MANIFEST = PluginManifest(name="partenaire", title="Partenaire", description="Plugin externe.")

    async def relancer(ctx):
        return {"relances": 0}

    @hookimpl
    def hub_register_permissions():
        return [Permission(name="partenaire.view", label="Voir")]

    @hookimpl
    def hub_register_menu():
        return [MenuItem(label="Partenaire", href="/partenaire", permission="partenaire.view")]

    @hookimpl
    def hub_register_jobs():
        return [JobSpec(name="partenaire:relancer", func=relancer, cron="0 6 * * *")]
    '''
)


def deployment_file(tmp_path: Path, blocked: list[str]) -> Path:
    path = tmp_path / f"hub-{'-'.join(blocked) or 'tout'}.toml"
    path.write_text(f"[hub]\nplugins_disabled = {blocked!r}\n".replace("'", '"'), encoding="utf-8")
    return path


async def contributions(tmp_path: Path, blocked: list[str], client_of) -> dict:
    folder = tmp_path / ("bloque" if blocked else "actif")
    folder.mkdir()
    # The worker settings are only built, never connected: any Redis address will do.
    hub = await make_hub(
        folder, autoload=True, config_file=deployment_file(tmp_path, blocked), redis_url="redis://127.0.0.1:6379/15"
    )
    client = await client_of(hub)
    dashboard = (await client.get("/")).text
    result = {
        "page": (await client.get("/formations")).status_code,
        "widget": 'hx-get="/widgets/formations.a_venir"' in dashboard,
        "menu": 'href="/formations"' in dashboard,
        "menu partenaire": 'href="/partenaire"' in dashboard,
        "jobs": {job.name for job in hub.catalog.items("jobs")},
        "worker functions": {function.name for function in build_worker_settings(hub)["functions"]},
        "connectors": {connector.kind for connector in hub.catalog.items("connectors")},
    }
    await hub.shutdown()
    return result


async def test_blocking_in_hub_toml_removes_routes_widgets_jobs_and_menu(tmp_path: Path, client_of) -> None:
    site = write_distribution(
        tmp_path / "site",
        name="hub-partenaire",
        sources={"hub_partenaire/__init__.py": "", "hub_partenaire/plugin.py": PARTNER},
        entry_points={"partenaire": "hub_partenaire.plugin"},
    )
    with on_sys_path(site):
        enabled = await contributions(tmp_path, [], client_of)
        blocked = await contributions(tmp_path, ["formations", "partenaire"], client_of)

    assert (enabled["page"], enabled["widget"], enabled["menu"], enabled["menu partenaire"]) == (200, True, True, True)
    assert "partenaire:relancer" in enabled["jobs"] and "formations.catalogue" in enabled["connectors"]

    assert (blocked["page"], blocked["widget"], blocked["menu"], blocked["menu partenaire"]) == (404, False, False, False)
    assert "partenaire:relancer" not in blocked["jobs"] | blocked["worker functions"]
    assert "formations.catalogue" not in blocked["connectors"]
