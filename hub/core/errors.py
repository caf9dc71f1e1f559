"""Errors raised by the core."""


class StartupError(Exception):
    """The hub cannot start. The message is in French and says what to do next.

    ``plugin`` names the plugin at fault when there is one.
    """

    def __init__(self, message: str, *, plugin: str | None = None) -> None:
        self.plugin = plugin
        prefix = f"Plugin « {plugin} » : " if plugin else ""
        super().__init__(prefix + message)


class SettingsError(StartupError):
    """The deployment settings are invalid."""
