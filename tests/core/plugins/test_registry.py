"""The plugin host refuses to boot on broken plugins, naming the plugin at fault."""

from types import SimpleNamespace

import pytest

from hub import JobSpec, MenuItem, Permission, PluginManifest, WidgetSpec, hookimpl
from hub.core.errors import StartupError
from hub.core.hub import Hub
from hub.core.settings import load_settings


def plugin(name: str, **hooks: object) -> SimpleNamespace:
    manifest = PluginManifest(name=name, title=name.title(), description=f"Plugin {name} de test")
    return SimpleNamespace(MANIFEST=manifest, **hooks)


def build(*plugins: SimpleNamespace, **settings: object) -> Hub:
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:", **settings)
    return Hub.create(config, plugins=[(p.MANIFEST.name, p) for p in plugins], autoload=False)


async def render(ctx: object) -> str:
    return "<p>ok</p>"


def widget(widget_id: str) -> WidgetSpec:
    return WidgetSpec(id=widget_id, title="Bloc", render=render)


def test_misspelled_hook_implementation_stops_the_boot_naming_the_plugin() -> None:
    @hookimpl
    def hub_register_widget() -> list[WidgetSpec]:
        return []

    with pytest.raises(StartupError, match=r"« fautif ».*hub_register_widget.*faute de frappe"):
        build(plugin("fautif", hub_register_widget=hub_register_widget))


def test_async_implementation_of_a_firstresult_hook_stops_the_boot() -> None:
    @hookimpl
    async def hub_dashboard_layout(widget_ids: list[str]) -> list[str]:
        return widget_ids

    with pytest.raises(StartupError, match=r"« presse ».*hub_dashboard_layout doit être synchrone"):
        build(plugin("presse", hub_dashboard_layout=hub_dashboard_layout))


def test_duplicate_widget_id_stops_the_boot_naming_the_second_plugin() -> None:
    @hookimpl
    def hub_register_widgets() -> list[WidgetSpec]:
        return [widget("alpha.resume")]

    @hookimpl(specname="hub_register_widgets")
    def copycat() -> list[WidgetSpec]:
        return [widget("alpha.resume")]

    with pytest.raises(StartupError, match=r"« beta ».*alpha.resume"):
        build(plugin("alpha", hub_register_widgets=hub_register_widgets), plugin("beta", copycat=copycat))


def test_plugin_without_manifest_stops_the_boot_naming_it() -> None:
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:")
    with pytest.raises(StartupError, match=r"« sans_manifeste » : pas de MANIFEST"):
        Hub.create(config, plugins=[("sans_manifeste", SimpleNamespace())], autoload=False)


def test_manifest_name_must_match_the_registered_name() -> None:
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:")
    with pytest.raises(StartupError, match="« autre ».*même nom"):
        Hub.create(config, plugins=[("autre", plugin("exemple"))], autoload=False)


def test_hook_arguments_that_the_spec_does_not_offer_stop_the_boot() -> None:
    @hookimpl
    def hub_register_widgets(utilisateur: object) -> list[WidgetSpec]:
        return []

    with pytest.raises(StartupError, match=r"« bavard ».*implémentation de hook invalide"):
        build(plugin("bavard", hub_register_widgets=hub_register_widgets))


@pytest.mark.parametrize(
    ("hook", "item", "expected"),
    [
        ("hub_register_widgets", widget("autre.bloc"), "exemple."),
        ("hub_register_permissions", Permission(name="voir", label="Voir"), "exemple."),
        ("hub_register_jobs", JobSpec(name="exemple.purge", func=render), "exemple:"),
    ],
)
def test_contributions_must_carry_the_plugin_slug(hook: str, item: object, expected: str) -> None:
    with pytest.raises(StartupError, match=rf"« exemple ».*doit commencer par « {expected} »"):
        build(plugin("exemple", **{hook: hookimpl(lambda: [item])}))


def test_a_dependency_that_is_blocked_stops_the_boot() -> None:
    dependent = SimpleNamespace(
        MANIFEST=PluginManifest(name="enfant", title="Enfant", description="d", depends_on=("parent",))
    )
    with pytest.raises(StartupError, match=r"« enfant ».*dépend du plugin « parent »"):
        build(plugin("parent"), dependent, plugins_disabled=["parent"])


def test_plugin_config_section_is_checked_against_the_manifest_type() -> None:
    import msgspec

    class Config(msgspec.Struct, forbid_unknown_fields=True):
        departements: list[str]

    configured = SimpleNamespace(
        MANIFEST=PluginManifest(name="carto", title="Carto", description="d", config=Config)
    )
    hub = build(configured, plugins={"carto": {"departements": ["51", "08"]}})
    assert hub.registry.plugins["carto"].config == Config(departements=["51", "08"])
    with pytest.raises(StartupError, match=r"\[plugins.carto\].*champ inconnu"):
        build(configured, plugins={"carto": {"departements": [], "region": "x"}})


def test_blocked_plugin_contributes_nothing() -> None:
    @hookimpl
    def hub_register_widgets() -> list[WidgetSpec]:
        return [widget("bloque.resume")]

    @hookimpl
    def hub_register_menu() -> list[MenuItem]:
        return [MenuItem(label="Bloqué", href="/bloque")]

    blocked = plugin("bloque", hub_register_widgets=hub_register_widgets, hub_register_menu=hub_register_menu)
    hub = build(blocked, plugins_disabled=["bloque"])
    assert hub.registry.plugins["bloque"].blocked
    assert hub.catalog.by_plugin("bloque") == {kind: [] for kind in hub.catalog.by_plugin("bloque")}
    assert hub.catalog.widgets == [] and [c for c in hub.catalog.menu if c.plugin != "hub"] == []
