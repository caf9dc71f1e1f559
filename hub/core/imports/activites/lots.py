"""The rows of the valid activities of a file, built as the service builds them and kept aside.

:class:`Lot` holds, for some activities, the rows of each table as
:func:`~hub.core.activites.service.creer_activite` would insert them: the activity, its new
anonymous bénéficiaires (attributions drawn the same way), its accompagnements, its tags.
:class:`Reserve` keeps the batches in a temporary file while the rest of the file is checked,
so that nothing is written before the whole file is — and memory holds one batch only.
"""

from __future__ import annotations

import pickle
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any

from hub.core.activites.accompagnements import lignes_accompagnements
from hub.core.activites.preparation import CraPrepare


@dataclass(slots=True)
class Lot:
    """The rows of some activities, by table."""

    activites: list[dict[str, Any]] = field(default_factory=list)
    beneficiaires: list[dict[str, Any]] = field(default_factory=list)
    accompagnements: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)

    def ajouter(
        self,
        prepare: CraPrepare,
        *,
        activite_id: str,
        mediateur_id: str,
        creation: datetime,
        aleatoire: random.Random | None,
    ) -> int:
        """Add the rows of one activity (attributions drawn with ``aleatoire``, else with a
        generator seeded with its id); returns how many anonymous bénéficiaires it creates."""
        anonymes = prepare.anonymes(aleatoire or random.Random(activite_id))
        beneficiaires, accompagnements = lignes_accompagnements(
            activite_id, mediateur_id, suivis=prepare.suivis, anonymes=anonymes, maintenant=creation
        )
        self.activites.append(
            {
                "id": activite_id,
                "mediateur_id": mediateur_id,
                "type": prepare.cra.type,
                **prepare.colonnes,
                "accompagnements_count": len(accompagnements),
                "creation": creation,
                "modification": creation,
            }
        )
        self.beneficiaires += beneficiaires
        self.accompagnements += accompagnements
        self.tags += [{"activite_id": activite_id, "tag_id": tag_id} for tag_id in prepare.tags]
        return len(beneficiaires)


class Reserve:
    """Batches kept in a temporary file (deleted when closed), read back in order."""

    def __init__(self) -> None:
        self._fichier = tempfile.TemporaryFile()
        self._nombre = 0

    def garder(self, lot: Lot) -> None:
        pickle.dump(lot, self._fichier, protocol=pickle.HIGHEST_PROTOCOL)
        self._nombre += 1

    def relire(self) -> Iterator[Lot]:
        """The batches kept, in order (each read when asked for)."""
        self._fichier.seek(0)
        for _ in range(self._nombre):
            yield pickle.load(self._fichier)  # noqa: S301  (written by this process just before)

    def __enter__(self) -> Reserve:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._fichier.close()
