"""The pager of a paged list (DSFR pagination, ``_pagination.html``): links to the first, previous,
next and last pages and to the pages around the current one, each keeping the list's filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

FENETRE = 2  # page numbers shown on each side of the current one


@dataclass(frozen=True, slots=True)
class Pagination:
    """The links of the pager (``None``: no such page from here)."""

    page: int
    pages: int
    numeros: list[tuple[int, str]]
    premiere: str | None
    precedente: str | None
    suivante: str | None
    derniere: str | None


def pagination(adresse: str, parametres: Iterable[tuple[str, str]], page: int, pages: int) -> Pagination:
    """The pager of page ``page`` out of ``pages`` of the list at ``adresse`` filtered by
    ``parametres`` (query parameters, the page number left out)."""
    gardes = [(nom, valeur) for nom, valeur in parametres if nom != "page"]

    def url(numero: int) -> str:
        return f"{adresse}?{urlencode([*gardes, ('page', numero)])}"

    numeros = range(max(1, page - FENETRE), min(pages, page + FENETRE) + 1)
    return Pagination(
        page=page,
        pages=pages,
        numeros=[(numero, url(numero)) for numero in numeros],
        premiere=url(1) if page > 1 else None,
        precedente=url(page - 1) if page > 1 else None,
        suivante=url(page + 1) if page < pages else None,
        derniere=url(pages) if page < pages else None,
    )
