"""Finding a mediator's followed bénéficiaires: by name, e-mail, phone or commune, accents, case
and punctuation ignored, sorted by name.

The mediator's bénéficiaires are folded in Python (:func:`~hub.core.structures.normalisation.normaliser`),
so that SQLite and PostgreSQL find alike without the ``unaccent`` extension: a mediator follows
hundreds of people, not millions. Each word of the query must appear in the folded text.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.structures.normalisation import mots, normaliser

PAR_PAGE_MAX = 200


class PageBeneficiaires(msgspec.Struct, frozen=True, kw_only=True):
    """One page of bénéficiaires found; ``total`` counts every match."""

    beneficiaires: list[Beneficiaire]
    total: int
    page: int
    par_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.par_page))


async def rechercher_beneficiaires(
    session: AsyncSession, mediateur_id: str, q: str = "", page: int = 1, *, par_page: int = 50
) -> PageBeneficiaires:
    """The mediator's followed bénéficiaires matching ``q`` (all of them for a blank query), by
    name then first name, page ``page`` (from 1) of ``par_page`` (at most 200)."""
    page, par_page = max(1, page), min(max(1, par_page), PAR_PAGE_MAX)
    cherches = mots(q)
    suivis = await session.scalars(sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id)))
    trouves = sorted((b for b in suivis if all(mot in texte_recherche(b) for mot in cherches)), key=ordre)
    debut = (page - 1) * par_page
    return PageBeneficiaires(
        beneficiaires=trouves[debut : debut + par_page], total=len(trouves), page=page, par_page=par_page
    )


def texte_recherche(beneficiaire: Beneficiaire) -> str:
    """The folded text a bénéficiaire is found by (its phone also in national form: ``06…``)."""
    telephone = beneficiaire.telephone or ""
    national = "0" + telephone[3:] if telephone.startswith("+33") else ""
    parties: Iterable[str | None] = (
        beneficiaire.prenom,
        beneficiaire.nom,
        beneficiaire.email,
        beneficiaire.commune,
        telephone,
        national,
    )
    return normaliser(" ".join(partie for partie in parties if partie))


def ordre(beneficiaire: Beneficiaire) -> tuple[str, str, str]:
    """By name, then first name, accents and case ignored."""
    return normaliser(beneficiaire.nom or ""), normaliser(beneficiaire.prenom or ""), beneficiaire.id
