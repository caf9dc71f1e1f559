"""One training of a catalogue feed, as the documented feed format defines it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

Public = Literal["mediateur", "conseiller_numerique", "coordinateur"]
Modalite = Literal["presentiel", "distanciel", "hybride"]
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class Formation(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    id: NonEmpty
    titre: NonEmpty
    organisme: NonEmpty
    date_debut: date
    modalite: Modalite
    mis_a_jour_le: datetime
    date_fin: date | None = None
    commune: str | None = None
    code_postal: Annotated[str, msgspec.Meta(pattern=r"^\d{5}$")] | None = None
    duree_heures: Annotated[float, msgspec.Meta(gt=0)] | None = None
    thematiques: list[str] = msgspec.field(default_factory=list)
    publics: list[Public] = msgspec.field(default_factory=list)
    cout: str | None = None
    inscription_url: Annotated[str, msgspec.Meta(pattern=r"^https?://")] | None = None
