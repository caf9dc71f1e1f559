"""Schema v1 of data·inclusion (``data-inclusion-schema`` 1.0.x), as the API v1 serves it.

Every model ignores the fields it does not know (the API adds some over time: ``extra``,
``services`` in detail views…). Required fields and constraints are those of the schema:
a record breaking them fails :func:`msgspec.convert` and is the caller's to set aside.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec

Nom = Annotated[str, msgspec.Meta(min_length=3, max_length=150)]
Description = Annotated[str, msgspec.Meta(min_length=5, max_length=10000)]
CodePostal = Annotated[str, msgspec.Meta(pattern=r"^\d{5}$")]
CodeInsee = Annotated[str, msgspec.Meta(pattern=r"^\w{5}$")]
Siret = Annotated[str, msgspec.Meta(pattern=r"^\d{14}$")]
Score = Annotated[float, msgspec.Meta(ge=0, le=1)]
NonVide = Annotated[str, msgspec.Meta(min_length=1)]


class Doublon(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """In lists, a duplicate of a structure in another source: its source and id only."""

    source: str
    id: str


class Adresse(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """Address, position and contact fields shared by structures and services."""

    commune: str | None = None
    code_postal: CodePostal | None = None
    code_insee: CodeInsee | None = None
    adresse: str | None = None
    complement_adresse: str | None = None
    longitude: float | None = None
    latitude: float | None = None
    telephone: str | None = None
    courriel: str | None = None
    adresse_certifiee: bool | None = None
    score_qualite: Score | None = None


class Structure(Adresse, kw_only=True, forbid_unknown_fields=False):
    """A structure. ``id`` is global, ``<source>--<local id>``; ``date_maj`` a day.

    ``doublons`` holds ``{source, id}`` pairs in list answers (the detail answer's full
    structures are read as such pairs too: their other fields are ignored).
    """

    source: NonVide
    id: NonVide
    nom: Nom
    date_maj: date
    description: Description | None = None
    lien_source: str | None = None
    siret: Siret | None = None
    site_web: str | None = None
    horaires_accueil: str | None = None
    accessibilite_lieu: str | None = None
    reseaux_porteurs: list[str] = msgspec.field(default_factory=list)
    doublons: list[Doublon] = msgspec.field(default_factory=list)


class Service(Adresse, kw_only=True, forbid_unknown_fields=False):
    """A service of a structure (``structure_id``)."""

    source: NonVide
    structure_id: NonVide
    id: NonVide
    nom: NonVide
    description: NonVide
    date_maj: date
    type: str | None = None
    thematiques: list[str] = msgspec.field(default_factory=list)
    frais: str | None = None
    frais_precisions: str | None = None
    publics: list[str] = msgspec.field(default_factory=list)
    publics_precisions: str | None = None
    conditions_acces: str | None = None
    modes_accueil: list[str] = msgspec.field(default_factory=list)
    zone_eligibilite: list[str] = msgspec.field(default_factory=list)
    contact_nom_prenom: str | None = None
    lien_mobilisation: str | None = None
    modes_mobilisation: list[str] = msgspec.field(default_factory=list)
    mobilisable_par: list[str] = msgspec.field(default_factory=list)
    mobilisation_precisions: str | None = None
    volume_horaire_hebdomadaire: Annotated[float, msgspec.Meta(ge=0)] | None = None
    nombre_semaines: Annotated[int, msgspec.Meta(ge=1)] | None = None
    horaires_accueil: str | None = None


class Source(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """One producer of data (``mediation-numerique`` is the Cartographie nationale)."""

    slug: NonVide
    nom: str
    description: str | None = None


class Enveloppe(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """A list answer. ``size`` is the number of items **returned**, not the size asked for;
    ``pages`` is ``ceil(total / size asked)``."""

    items: list[dict[str, object]]
    total: int
    page: int
    size: int
    pages: int
