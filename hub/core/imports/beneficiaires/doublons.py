"""Possible duplicates of the rows of a bénéficiaires file, found as the registry finds them
(:mod:`hub.core.beneficiaires.doublons`: at least two of nom, prénom, téléphone and e-mail
equal once folded) — among the mediator's followed bénéficiaires and among the earlier rows of
the same file — with an index of each pair of fields, not by comparing every row with every
bénéficiaire."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import msgspec

from hub.core.beneficiaires.doublons import SEUIL, FicheDoublon, Identite, champs_communs, cles, fiche_doublon
from hub.core.beneficiaires.models import Beneficiaire


class DoublonLigne(msgspec.Struct, frozen=True, kw_only=True):
    """Row ``ligne`` (``prenom``, ``nom``) may be the followed bénéficiaire ``existant`` or the
    earlier row ``autre_ligne`` of the file; ``champs``: the fields that match."""

    ligne: int
    prenom: str
    nom: str
    champs: tuple[str, ...]
    existant: FicheDoublon | None = None
    autre_ligne: int | None = None


class IndexDoublons:
    """The stored bénéficiaires, then the rows added one by one, indexed by pairs of fields."""

    def __init__(self, existants: Iterable[Beneficiaire]) -> None:
        self._groupes: dict[tuple[str, ...], list[tuple[dict[str, str], FicheDoublon | int]]] = defaultdict(list)
        for beneficiaire in existants:
            self._indexer(cles(beneficiaire), fiche_doublon(beneficiaire))

    def chercher_puis_ajouter(self, ligne: int, identite: Identite) -> list[DoublonLigne]:
        """The possible duplicates of row ``ligne``, which is then indexed for the next rows."""
        valeurs = cles(identite)
        trouves: dict[int | str, DoublonLigne] = {}
        for paire in _paires(valeurs):
            for autres_valeurs, autre in self._groupes.get(paire, []):
                cle = autre if isinstance(autre, int) else autre.id
                if cle not in trouves:
                    trouves[cle] = DoublonLigne(
                        ligne=ligne,
                        prenom=identite.prenom or "",
                        nom=identite.nom or "",
                        champs=champs_communs(valeurs, autres_valeurs),
                        existant=None if isinstance(autre, int) else autre,
                        autre_ligne=autre if isinstance(autre, int) else None,
                    )
        self._indexer(valeurs, ligne)
        return list(trouves.values())

    def _indexer(self, valeurs: dict[str, str], element: FicheDoublon | int) -> None:
        for paire in _paires(valeurs):
            self._groupes[paire].append((valeurs, element))


def _paires(valeurs: dict[str, str]) -> list[tuple[str, ...]]:
    """One key per pair of filled fields: their names and their folded values."""
    return [(*paire, *(valeurs[champ] for champ in paire)) for paire in combinations(sorted(valeurs), SEUIL)]
