"""The metadata header of an export: its title, who exported it, when, and what it holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hub.core.activites.dates import PARIS
from hub.core.identity.principal import Principal


@dataclass(frozen=True, slots=True)
class Entete:
    """``titre``, then one ``(libellé, valeur)`` per line."""

    titre: str
    lignes: list[tuple[str, str]]


def entete_export(titre: str, auteur: Principal, moment: datetime, details: Sequence[tuple[str, str]]) -> Entete:
    """The header of an export made by ``auteur`` at ``moment`` (UTC), then ``details``."""
    nom = auteur.display_name
    qui = nom if auteur.email in (None, nom) else f"{nom} ({auteur.email})"
    quand = moment.astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")
    return Entete(titre, [("Exporté par", qui), ("Le", quand), *details])
