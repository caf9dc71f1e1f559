"""Text folded for search: no accents, no case, words separated by one space.

Done in Python (``unicodedata``) so that SQLite and PostgreSQL search alike without the
``unaccent`` extension: the folded text of a structure is stored in ``structures.recherche``
on every write, and a query is folded the same way, then matched word by word with ``LIKE``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

# Ligatures that NFKD leaves whole.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})

# The columns a structure is found by, and the size of ``structures.recherche``.
CHAMPS_RECHERCHE = ("nom", "nom_usage", "commune", "code_postal", "siret", "rna")
LONGUEUR_RECHERCHE = 1200


def normaliser(texte: str) -> str:
    """``"Médiathèque  Jean-Falala"`` → ``"mediatheque jean falala"``."""
    decomposed = unicodedata.normalize("NFKD", texte.translate(_LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", bare).strip()


def mots(texte: str) -> list[str]:
    """The folded words of a search query (none for a blank query)."""
    return normaliser(texte).split()


def texte_recherche(valeurs: Mapping[str, str | None]) -> str:
    """The folded text of a structure (its columns :data:`CHAMPS_RECHERCHE`): its names,
    commune, postcode and identifiers, cut to the column's size."""
    parties = (valeurs.get(champ) for champ in CHAMPS_RECHERCHE)
    return normaliser(" ".join(part for part in parties if part))[:LONGUEUR_RECHERCHE]
