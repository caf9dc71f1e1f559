"""Install a throw-away plugin distribution, discoverable through the ``hub`` entry points.

Writes a package and its ``.dist-info`` (METADATA, entry_points.txt) into a folder; put that
folder on ``sys.path`` (or ``PYTHONPATH`` for a subprocess) and ``importlib.metadata`` finds the
plugin exactly as if ``pip`` had installed it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def write_distribution(
    folder: Path,
    *,
    name: str,
    sources: Mapping[str, str],
    entry_points: Mapping[str, str],
    version: str = "0.1.0",
) -> Path:
    """Write ``sources`` (relative path → text) and a dist-info declaring ``entry_points``
    (plugin name → module path) in the group ``hub``. Returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for relative, text in sources.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    dist_info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    dist_info.mkdir(exist_ok=True)
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = "\n".join(f"{plugin} = {module}" for plugin, module in entry_points.items())
    (dist_info / "entry_points.txt").write_text(f"[hub]\n{lines}\n", encoding="utf-8")
    return folder


@contextmanager
def on_sys_path(folder: Path) -> Iterator[Path]:
    """Make a folder written by :func:`write_distribution` importable for the block's duration.

    Afterwards its modules are forgotten (``sys.modules``) and so are the tables they declared
    (``Base.metadata``): importing the plugin again, in a later test, declares them anew."""
    sys.path.insert(0, str(folder))
    try:
        yield folder
    finally:
        sys.path.remove(str(folder))
        modules = [m for m, mod in sys.modules.items() if getattr(mod, "__file__", "") and str(folder) in str(mod.__file__)]
        _forget_tables(set(modules))
        for module in modules:
            del sys.modules[module]


def _forget_tables(modules: set[str]) -> None:
    from hub.core.db.base import Base

    for mapper in list(Base.registry.mappers):
        if mapper.class_.__module__ in modules and mapper.local_table.name in Base.metadata.tables:
            Base.metadata.remove(mapper.local_table)
