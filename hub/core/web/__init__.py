"""The web shell: the Litestar app that shows the core's pages and the plugins' ones."""

from hub.core.web.plugin import HubWebPlugin

__all__ = ["HubWebPlugin"]
