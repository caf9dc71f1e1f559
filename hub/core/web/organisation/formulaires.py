"""The forms of the core's pages: fields described once, read from a posted form into the raw data
a service parses (:func:`hub.core.validation.parse`), and shown again with each error next to
its field (macros of ``_formulaires.html``).

An input's name is its field's (``telephone``), under a prefix for a nested one
(``structure.code_postal``, ``structures_partenaires.0.nom``): the name
:class:`~hub.core.errors.ValidationError` gives its message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from litestar.datastructures import FormMultiDict
from litestar.response import Redirect

Genre = Literal["texte", "zone", "lignes", "cases", "case", "radios", "liste"]


@dataclass(frozen=True, slots=True)
class Option:
    """One of the values a field offers, with its label and an optional hint."""

    valeur: str
    libelle: str
    description: str = ""


def options(valeurs: Mapping[str, str] | Iterable[str]) -> tuple[Option, ...]:
    """Options from ``{valeur: libellé}``, or from values that are their own label."""
    if isinstance(valeurs, Mapping):
        return tuple(Option(valeur, libelle) for valeur, libelle in valeurs.items())
    return tuple(Option(valeur, valeur) for valeur in valeurs)


@dataclass(frozen=True, slots=True)
class Champ:
    """A field of a form. ``genre``: ``texte`` (one line, of input ``type``), ``zone`` (free text on
    several lines), ``lignes`` (a list, one value per line), ``cases`` (checkboxes among
    ``choix``), ``case`` (one yes/no checkbox), ``radios`` (one of ``choix``), ``liste`` (one of
    ``choix`` in a drop-down list). ``en_ligne``: checkboxes or radios side by side."""

    nom: str
    libelle: str
    genre: Genre = "texte"
    type: str = "text"
    aide: str | None = None
    obligatoire: bool = False
    autocomplete: str | None = None
    choix: tuple[Option, ...] = ()
    en_ligne: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """Fields shown together under a title (a ``fieldset``)."""

    titre: str
    champs: tuple[Champ, ...]


def champs_des(sections: Iterable[Section]) -> tuple[Champ, ...]:
    """The fields of ``sections``, in their order."""
    return tuple(champ for section in sections for champ in section.champs)


@dataclass(frozen=True, slots=True)
class Formulaire:
    """What a template shows in a form: the values and the error messages, by input name."""

    valeurs: Mapping[str, Any] = field(default_factory=dict)
    erreurs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def saisi(cls, donnees: Mapping[str, Any], erreurs: Mapping[str, str], *, prefixe: str = "") -> Formulaire:
        """The form as sent (``donnees`` as :func:`lire` gave them), with ``erreurs``."""
        return cls({prefixe + nom: valeur for nom, valeur in donnees.items()}, erreurs)

    @classmethod
    def rempli(cls, donnees: Mapping[str, Any], erreurs: Mapping[str, str] | None = None) -> Formulaire:
        """The form filled with nested data (a service's input as builtins): each value under
        its input name (``beneficiaire.genre``, ``structures_partenaires.0.nom``)."""
        return cls(dict(_a_plat(donnees)), erreurs or {})


def _a_plat(donnees: Mapping[str, Any], prefixe: str = "") -> Iterable[tuple[str, Any]]:
    """``{"a": {"b": 1}, "l": [{"c": 2}], "m": ["x"]}`` → ``a.b: 1``, ``l.0.c: 2``, ``m: ["x"]``."""
    for nom, valeur in donnees.items():
        if isinstance(valeur, Mapping):
            yield from _a_plat(valeur, f"{prefixe}{nom}.")
        elif isinstance(valeur, list) and any(isinstance(item, Mapping) for item in valeur):
            for rang, item in enumerate(valeur):
                yield from _a_plat(item, f"{prefixe}{nom}.{rang}.")
        else:
            yield prefixe + nom, valeur


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
