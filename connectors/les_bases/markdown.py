"""Reading the Markdown page of a resource (``/ressources/{slug}/markdown``).

The format, as Les Bases writes it (one blank line between blocks)::

    # <titre>

    <description, en HTML, sur une ou plusieurs lignes>

    Thématiques : <libellé>, <libellé>, …
    Type de support : <libellé>, …
    Public cible : <libellé>, …

    <contenus : sections « ## … », textes, liens, fichiers, en Markdown>

- the three indexation lines come in that order, each followed by a blank line; a list the
  resource does not fill is written as the single word ``false`` (a quirk of Les Bases'
  template), read here as an empty list; they are recognised by their prefix, in any order;
- they carry **labels** (« Numérique en santé »), not codes: :func:`code` turns a label into
  Les Bases' own code (``numerique_en_sante``) by folding it — accents and case dropped,
  « & » read as « et », any other run of non-alphanumerics as ``_`` — which gives back the
  codes of Les Bases' vocabularies (``communication_en_ligne_et_reseaux_sociaux``,
  ``numerique_au_service_de_l_environnement``) without a table to keep up to date;
- labels are separated by « , »: a label holding a comma would be cut in two;
- the description is HTML: it is kept as plain text (tags dropped, entities decoded);
- the contents are kept as Markdown text (for full-text search).

A page without a ``# `` title line raises :class:`MarkdownIllisible`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

import msgspec

from connectors.errors import RecordError

THEMES = "Thématiques :"
TYPES_SUPPORT = "Type de support :"
PUBLICS = "Public cible :"
VIDE = "false"  # what Les Bases writes for a list the resource does not fill
_INDEXATION = (THEMES, TYPES_SUPPORT, PUBLICS)


class MarkdownIllisible(RecordError):
    """The page is not in the format described above."""


class Libelle(msgspec.Struct, frozen=True):
    """A value of one of Les Bases' vocabularies: its code and the label shown."""

    code: str
    libelle: str


class FicheRessource(msgspec.Struct, frozen=True, kw_only=True):
    titre: str
    description: str
    themes: list[Libelle]
    types_support: list[Libelle]
    publics: list[Libelle]
    contenu: str


def code(libelle: str) -> str:
    """« Communication en ligne & réseaux sociaux » → ``communication_en_ligne_et_reseaux_sociaux``."""
    decompose = unicodedata.normalize("NFKD", libelle.replace("&", " et ").replace("œ", "oe"))
    nu = "".join(c for c in decompose if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", nu).strip("_")


def lire_fiche(texte: str) -> FicheRessource:
    """The resource described by the Markdown page ``texte``."""
    lignes = [ligne.rstrip() for ligne in texte.splitlines()]
    debut = next((i for i, ligne in enumerate(lignes) if ligne.strip()), None)
    if debut is None or not lignes[debut].startswith("# "):
        raise MarkdownIllisible("la page Markdown de la ressource ne commence pas par son titre (« # … »)")
    titre = lignes[debut][2:].strip()
    i = debut + 1
    description: list[str] = []
    while i < len(lignes) and not _indexation(lignes[i]):
        description.append(lignes[i])
        i += 1
    listes: dict[str, list[Libelle]] = {prefixe: [] for prefixe in _INDEXATION}
    while i < len(lignes) and (_indexation(lignes[i]) or not lignes[i].strip()):
        ligne = lignes[i].strip()
        for prefixe in _INDEXATION:
            if ligne.startswith(prefixe):
                listes[prefixe] = _libelles(ligne[len(prefixe) :])
        i += 1
    return FicheRessource(
        titre=titre,
        description=texte_de_html("\n".join(description)),
        themes=listes[THEMES],
        types_support=listes[TYPES_SUPPORT],
        publics=listes[PUBLICS],
        contenu="\n".join(lignes[i:]).strip(),
    )


def _indexation(ligne: str) -> bool:
    ligne = ligne.strip()
    return ligne == VIDE or ligne.startswith(_INDEXATION)


def _libelles(valeur: str) -> list[Libelle]:
    libelles = [partie.strip() for partie in valeur.split(",")]
    return [Libelle(code(libelle), libelle) for libelle in libelles if libelle and code(libelle)]


class _Texte(HTMLParser):
    BLOCS = frozenset({"p", "br", "li", "div", "h1", "h2", "h3", "h4", "ul", "ol", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.morceaux: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.BLOCS:
            self.morceaux.append("\n")

    def handle_data(self, data: str) -> None:
        self.morceaux.append(data)


def texte_de_html(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, blank runs collapsed
    (paragraphs kept on their own line)."""
    lecteur = _Texte()
    lecteur.feed(fragment)
    lecteur.close()
    texte = html.unescape("".join(lecteur.morceaux))
    lignes = (re.sub(r"[ \t\u00a0]+", " ", ligne).strip() for ligne in texte.splitlines())
    return "\n".join(ligne for ligne in lignes if ligne)
