"""The forms of the core's pages: fields described once, read from a posted form into the raw data
a service parses (:func:`hub.core.validation.parse`), and shown again with each error next to
its field (macros of ``_formulaires.html``).

An input's name is its field's (``telephone``), under a prefix for a nested one
(``structure.code_postal``): the name :class:`~hub.core.errors.ValidationError` gives its message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from litestar.datastructures import FormMultiDict
from litestar.response import Redirect

Genre = Literal["texte", "zone", "lignes", "cases", "case"]


@dataclass(frozen=True, slots=True)
class Champ:
    """A field of a form. ``genre``: ``texte`` (one line, of input ``type``), ``zone`` (free text on
    several lines), ``lignes`` (a list, one value per line), ``cases`` (checkboxes among
    ``choix``), ``case`` (one yes/no checkbox)."""

    nom: str
    libelle: str
    genre: Genre = "texte"
    type: str = "text"
    aide: str | None = None
    obligatoire: bool = False
    autocomplete: str | None = None
    choix: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """Fields shown together under a title (a ``fieldset``)."""

    titre: str
    champs: tuple[Champ, ...]


@dataclass(frozen=True, slots=True)
class Formulaire:
    """What a template shows in a form: the values and the error messages, by input name."""

    valeurs: Mapping[str, Any] = field(default_factory=dict)
    erreurs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def saisi(cls, donnees: Mapping[str, Any], erreurs: Mapping[str, str], *, prefixe: str = "") -> Formulaire:
        """The form as sent (``donnees`` as :func:`lire` gave them), with ``erreurs``."""
        return cls({prefixe + nom: valeur for nom, valeur in donnees.items()}, erreurs)


def lire(formulaire: FormMultiDict, champs: Iterable[Champ], *, prefixe: str = "") -> dict[str, Any]:
    """The raw value of each of ``champs`` (inputs named ``prefixe + nom``), by field name.

    An unchecked checkbox is sent by no browser: ``cases`` read as an empty list, ``case`` as
    ``False``, so that unticking is a change."""
    donnees: dict[str, Any] = {}
    for champ in champs:
        nom = prefixe + champ.nom
        if champ.genre == "cases":
            donnees[champ.nom] = formulaire.getall(nom, [])
        elif champ.genre == "case":
            donnees[champ.nom] = nom in formulaire
        elif champ.genre == "lignes":
            donnees[champ.nom] = lignes(formulaire.get(nom, ""))
        else:
            donnees[champ.nom] = formulaire.get(nom, "")
    return donnees


def lignes(texte: str) -> list[str]:
    """The non-blank lines of ``texte``, stripped."""
    return [ligne.strip() for ligne in texte.splitlines() if ligne.strip()]


def apres(adresse: str, fait: str | None = None) -> Redirect:
    """Where a form sent successfully leads (303: the browser then asks with GET). ``fait`` names
    what was done, for the page to confirm it (its handler knows the messages)."""
    return Redirect(f"{adresse}?fait={fait}" if fait else adresse, status_code=303)
