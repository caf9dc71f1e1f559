"""Finds a job by name among the jobs that the enabled plugins contribute."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hub.core.plugins.catalog import Catalog
    from hub.core.plugins.contributions import JobSpec


class UnknownJobError(LookupError):
    """No enabled plugin declares a job of that name."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"tâche inconnue « {name} » : aucun plugin activé ne la déclare "
            "(plugin bloqué ou désinstallé, ou nom mal orthographié ?)"
        )


def find_job(catalog: Catalog, name: str) -> tuple[str, JobSpec]:
    """The plugin that declares job ``name`` and its spec; :class:`UnknownJobError` otherwise."""
    for contribution in catalog.jobs:
        if contribution.item.name == name:
            return contribution.plugin, contribution.item
    raise UnknownJobError(name)
