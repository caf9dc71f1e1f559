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


class DomainError(Exception):
    """A service refused a request. The message is in French, meant for the person who asked.

    The web layer maps each kind to its status: :class:`ValidationError` → 400 (with the field),
    :class:`Forbidden` → 403, :class:`NotFound` → 404, :class:`Conflict` → 409. Services refuse
    before their first write, so whatever the kind, they wrote nothing: the caller may go on
    with its transaction (to show the form again) or roll it back.
    """


class ValidationError(DomainError):
    """Bad input: ``errors`` maps each faulty field (``code_postal``, ``structure.nom``,
    ``lieux.1.structure_id``) to its French message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ; ".join(f"{field} : {message}" for field, message in self.errors.items()))


class NotFound(DomainError):
    """No such thing for this person: unknown, deleted, or someone else's (never told apart)."""


class Forbidden(DomainError):
    """The person may not do this: they lack the role it needs."""


class Conflict(DomainError):
    """Not in a state that allows this: an invitation already answered, a sign-up step missing…"""
