"""The plugin host: finds, validates and registers plugins, and attributes their contributions."""

from __future__ import annotations

import importlib.util
import inspect
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from hub.core.errors import StartupError
from hub.core.plugins import hookspecs
from hub.core.plugins.manifest import HUB_API_VERSION, SHORT_URL_PATTERN, SLUG_PATTERN, PluginManifest
from hub.core.plugins.markers import PROJECT_NAME
from hub.core.settings import Settings, convert

ENTRY_POINT_GROUP = "hub"
CORE_PLUGIN = "hub"

logger = logging.getLogger("hub.plugins")


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """What the hub knows of one installed plugin."""

    name: str
    version: str
    manifest: PluginManifest | None
    module: ModuleType | None
    blocked: bool
    package_dir: Path | None = None
    config: Any = None
    hooks: tuple[str, ...] = ()

    @property
    def migrations_dir(self) -> Path | None:
        """The plugin's Alembic branch: its package's ``migrations/`` folder, when it has one.

        Blocked plugins keep theirs, so a database migrated before the block still resolves.
        """
        folder = self.package_dir / "migrations" if self.package_dir else None
        return folder if folder is not None and folder.is_dir() else None

    @property
    def templates_dir(self) -> Path | None:
        folder = self.package_dir / "templates" if self.package_dir else None
        return folder if folder is not None and folder.is_dir() else None


@dataclass(frozen=True, slots=True)
class Contribution:
    """One item returned by a registration hook, with the plugin that returned it."""

    plugin: str
    item: Any


@dataclass(slots=True)
class Registry:
    """Owns the hub's :class:`pluggy.PluginManager` (one per hub, never global)."""

    settings: Settings
    pm: pluggy.PluginManager = field(init=False)
    plugins: dict[str, PluginInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pm = pluggy.PluginManager(PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.pm.hook.hub_add_hookspecs.call_historic(kwargs={"pluginmanager": self.pm})

    # Loading -----------------------------------------------------------------------------

    def load_entry_points(self) -> None:
        """Register every plugin declared in the ``hub`` entry-point group, except blocked ones."""
        blocked = set(self.settings.plugins_disabled)
        for entry_point in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
            version = entry_point.dist.version if entry_point.dist else "0"
            if entry_point.name in blocked:
                self.pm.set_blocked(entry_point.name)
                self.plugins[entry_point.name] = PluginInfo(
                    entry_point.name,
                    version,
                    manifest=None,
                    module=None,
                    blocked=True,
                    package_dir=_package_dir_without_import(entry_point.module),
                )
                continue
            try:
                module = entry_point.load()
            except Exception as exc:
                raise StartupError(
                    f"le module {entry_point.value} ne se charge pas ({exc!r}) : corrigez-le ou bloquez "
                    f"le plugin avec plugins_disabled = [\"{entry_point.name}\"]",
                    plugin=entry_point.name,
                ) from exc
            self.register(module, name=entry_point.name, version=version)

    def register(self, module: ModuleType | object, *, name: str, version: str = "0") -> None:
        """Register one plugin object (a module or an instance) under ``name``."""
        if name in self.settings.plugins_disabled:
            self.pm.set_blocked(name)
            self.plugins[name] = PluginInfo(name, version, manifest=None, module=None, blocked=True)
            return
        manifest = self._manifest_of(module, name)
        config = self._config_of(manifest)
        try:
            self.pm.register(module, name=name)
        except pluggy.PluginValidationError as exc:
            raise StartupError(f"implémentation de hook invalide : {exc}", plugin=name) from None
        hooks = tuple(sorted(impl_name for impl_name in _hookimpl_names(self.pm, module)))
        owner = module if isinstance(module, ModuleType) else inspect.getmodule(module)
        self.plugins[name] = PluginInfo(
            name,
            version,
            manifest=manifest,
            module=owner,
            blocked=False,
            package_dir=Path(owner.__file__).parent if owner and owner.__file__ else None,
            config=config,
            hooks=hooks,
        )

    def _manifest_of(self, module: object, name: str) -> PluginManifest:
        manifest = getattr(module, "MANIFEST", None)
        if manifest is None:
            raise StartupError(
                "pas de MANIFEST : ajoutez `MANIFEST = PluginManifest(name=..., title=..., description=...)` "
                "au module du plugin",
                plugin=name,
            )
        if not isinstance(manifest, PluginManifest):
            raise StartupError("MANIFEST doit être une instance de hub.PluginManifest", plugin=name)
        if manifest.name != name:
            raise StartupError(
                f"le MANIFEST s'appelle « {manifest.name} » mais le point d'entrée « {name} » : "
                "ils doivent porter le même nom",
                plugin=name,
            )
        if not SLUG_PATTERN.match(name):
            raise StartupError(
                "le nom doit être un identifiant court en minuscules (lettres, chiffres, _)", plugin=name
            )
        if manifest.hub_api != HUB_API_VERSION:
            raise StartupError(
                f"écrit pour l'API de plugins v{manifest.hub_api}, ce hub fournit la v{HUB_API_VERSION} : "
                "mettez le plugin à jour",
                plugin=name,
            )
        for short_url, target in manifest.short_urls.items():
            if not SHORT_URL_PATTERN.match(short_url) or not target.startswith(f"/{name}/"):
                raise StartupError(
                    f"adresse courte « {short_url} » → « {target} » invalide : la clé est un seul segment "
                    f"en minuscules (« /statistiques »), la cible une page du plugin (« /{name}/… »)",
                    plugin=name,
                )
        return manifest

    def _config_of(self, manifest: PluginManifest) -> Any:
        raw = self.settings.plugin_config(manifest.name)
        if manifest.config is None:
            if raw:
                raise StartupError(
                    f"la section [plugins.{manifest.name}] n'est pas lue par ce plugin : retirez-la",
                    plugin=manifest.name,
                )
            return None
        return convert(raw, manifest.config, where=f"[plugins.{manifest.name}]")

    # Validation ----------------------------------------------------------------------------

    def check(self) -> None:
        """Refuse to boot on misspelled hooks, async firstresult hooks or missing dependencies."""
        for info in self.enabled():
            for dependency in info.manifest.depends_on if info.manifest else ():
                if dependency not in self.plugins or self.plugins[dependency].blocked:
                    raise StartupError(
                        f"dépend du plugin « {dependency} », absent ou bloqué : installez-le, "
                        "débloquez-le, ou bloquez aussi ce plugin",
                        plugin=info.name,
                    )
        for hook_name in self.pm.hook.__dict__:
            caller = getattr(self.pm.hook, hook_name)
            if not isinstance(caller, pluggy.HookCaller):
                continue
            for impl in caller.get_hookimpls():
                if caller.spec is None and not impl.optionalhook:
                    raise StartupError(
                        f"la fonction {hook_name} porte @hookimpl mais aucun hook de ce nom n'existe "
                        "(faute de frappe ?) : voyez docs/plugins.md pour la liste des hooks",
                        plugin=impl.plugin_name,
                    )
                if caller.spec is None:
                    continue
                firstresult = caller.spec.opts.get("firstresult", False)
                if firstresult and inspect.iscoroutinefunction(impl.function):
                    raise StartupError(
                        f"{hook_name} doit être synchrone (le premier résultat est utilisé tel quel) : "
                        "retirez `async`",
                        plugin=impl.plugin_name,
                    )

    # Contributions -------------------------------------------------------------------------

    def enabled(self) -> Iterator[PluginInfo]:
        return (info for info in self.plugins.values() if not info.blocked)

    def impls(self, hook_name: str) -> list[pluggy.HookImpl]:
        """The implementations of a hook, in registration order."""
        return list(getattr(self.pm.hook, hook_name).get_hookimpls())

    def collect(self, hook_name: str, **kwargs: Any) -> list[Contribution]:
        """Call a registration hook on every plugin and keep who returned what."""
        contributions: list[Contribution] = []
        for impl in self.impls(hook_name):
            result = impl.function(*[kwargs[arg] for arg in impl.argnames])
            for item in _as_items(result):
                contributions.append(Contribution(impl.plugin_name, item))
        return contributions

    async def emit(self, hook_name: str, **kwargs: Any) -> None:
        """Call an event hook on every plugin; one plugin's failure is logged, not propagated."""
        for impl in self.impls(hook_name):
            try:
                result = impl.function(*[kwargs[arg] for arg in impl.argnames])
                if inspect.isawaitable(result):
                    await result
            except Exception:
                logger.exception("le plugin %s a échoué dans %s", impl.plugin_name, hook_name)

    def first_result(self, hook_name: str, **kwargs: Any) -> Any:
        return getattr(self.pm.hook, hook_name)(**kwargs)


def _as_items(result: Any) -> Iterable[Any]:
    if result is None:
        return ()
    if isinstance(result, list | tuple):
        return result
    return (result,)


def _package_dir_without_import(module_path: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module_path)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent if spec and spec.origin else None


def _hookimpl_names(pm: pluggy.PluginManager, plugin: object) -> Iterable[str]:
    return (caller.name for caller in pm.get_hookcallers(plugin) or ())
