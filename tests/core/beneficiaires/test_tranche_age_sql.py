"""The age band computed in SQL (for statistics) agrees with the one computed in Python."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.tranche_age import expression_tranche_age, tranche_age
from hub.core.hub import Hub
from tests.core.activites.support import beneficiaire, mediateur_en_poste


async def test_the_sql_age_band_matches_python_at_any_reference_year(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    for annee in range(1940, 2026, 3):
        await beneficiaire(hub, qui, nom=str(annee), annee_naissance=annee)
    await beneficiaire(hub, qui, nom="sans année", tranche_age="quarante_cinquante_neuf")
    await beneficiaire(hub, qui, nom="rien")
    for reference in (2025, 2031):
        expression = expression_tranche_age(Beneficiaire.annee_naissance, Beneficiaire.tranche_age, reference)
        async with hub.session() as session:
            rows = (await session.execute(sa.select(Beneficiaire.annee_naissance, Beneficiaire.nom, expression))).all()
        for annee, nom, calculee in rows:
            attendue = {"sans année": "quarante_cinquante_neuf", "rien": "non_communique"}.get(nom)
            assert calculee == (attendue or tranche_age(annee, date(reference, 1, 1))), (annee, reference)
