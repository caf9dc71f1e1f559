"""Hub de la médiation numérique.

Plugin authors import what they need from here: the hook marker and the contribution types.
"""

from hub.core.plugins.contributions import (
    JobSpec,
    MenuItem,
    Permission,
    WidgetContext,
    WidgetSpec,
)
from hub.core.plugins.manifest import PluginManifest
from hub.core.plugins.markers import hookimpl, hookspec
from hub.core.sync.connector import Connector, Stream

__all__ = [
    "Connector",
    "JobSpec",
    "MenuItem",
    "Permission",
    "PluginManifest",
    "Stream",
    "WidgetContext",
    "WidgetSpec",
    "hookimpl",
    "hookspec",
]
