"""The fields every CRA form has (mediators' and coordinators'): date, duration, tags and notes.

Some choices depend on the person: the durations they use often (:func:`choix_durees`) and the
tags they see (:func:`choix_tags`); a page gives them with :func:`avec_choix`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from types import ModuleType

from hub.core.tags.models import Tag
from hub.core.tags.portees import PORTEES_TAG, portee_du_tag
from hub.core.web.organisation.formulaires import Champ, Option

DATE = Champ("date", "Date", type="date", obligatoire=True)
DUREE = Champ("duree", "Durée", genre="radios", obligatoire=True, en_ligne=True)
HEURES = Champ("duree_personnalisee_heures", "Heures", type="number", aide="De 0 à 23")
MINUTES = Champ("duree_personnalisee_minutes", "Minutes", type="number", aide="De 0 à 59")
TAGS = Champ("tags", "Tags", genre="cases", aide="Pour retrouver vos activités et les compter à part")
NOTES = Champ("notes", "Notes", genre="zone", aide="Visibles de vous seul·e, jamais partagées")


def champs_de(module: ModuleType, **remplaces: Champ) -> dict[str, Champ]:
    """The fields ``module`` describes, by constant name (``DATE``), with ``remplaces`` instead
    of some (the same fields with the person's choices): what a form's template reads."""
    return {nom: valeur for nom, valeur in vars(module).items() if isinstance(valeur, Champ)} | remplaces


def avec_choix(champ: Champ, choix: Iterable[Option]) -> Champ:
    """``champ`` offering ``choix``."""
    return dataclasses.replace(champ, choix=tuple(choix))


def choix_durees(durees: Iterable[tuple[str, str]]) -> tuple[Option, ...]:
    """The durations to offer, as ``options_duree`` gives them."""
    return tuple(Option(valeur, libelle) for valeur, libelle in durees)


def choix_tags(tags: Iterable[Tag]) -> tuple[Option, ...]:
    """The tags to offer, each with its scope as a hint."""
    return tuple(Option(tag.id, tag.nom, PORTEES_TAG[portee_du_tag(tag)]) for tag in tags)
