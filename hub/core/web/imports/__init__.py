"""The import pages (``/imports``, permission ``hub.imports``: mediators): bénéficiaires and
activities from a CSV or XLSX file, each in two steps — the file analysed (faulty rows listed,
nothing written), then the import confirmed (:mod:`~hub.core.web.imports.pages`)."""

from __future__ import annotations

from pathlib import Path

from litestar import Router, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.imports.activites import colonnes as colonnes_activites
from hub.core.imports.activites.service import BilanImport, analyser_activites, importer_activites
from hub.core.imports.beneficiaires import colonnes as colonnes_beneficiaires
from hub.core.imports.beneficiaires.service import (
    AnalyseBeneficiaires,
    analyser_beneficiaires,
    importer_beneficiaires,
)
from hub.core.web.imports.pages import ADRESSE, PERMISSION, SorteImport, routes_import


async def _importer_beneficiaires(
    db: AsyncSession, mediateur_id: str, chemin: Path, par: str, sans_doublons: bool
) -> AnalyseBeneficiaires:
    return await importer_beneficiaires(db, mediateur_id, chemin, par=par, sans_doublons=sans_doublons)


async def _importer_activites(
    db: AsyncSession, mediateur_id: str, chemin: Path, par: str, garder_valides: bool
) -> BilanImport:
    return await importer_activites(db, mediateur_id, chemin, par=par, garder_valides=garder_valides)


BENEFICIAIRES = SorteImport(
    chemin="beneficiaires",
    titre="Importer des bénéficiaires",
    colonnes=colonnes_beneficiaires.COLONNES,
    feuille="Bénéficiaires",
    analyser=analyser_beneficiaires,
    importer=_importer_beneficiaires,
    option="sans_doublons",
)
ACTIVITES = SorteImport(
    chemin="activites",
    titre="Importer des activités",
    colonnes=colonnes_activites.COLONNES,
    feuille="Activités",
    analyser=analyser_activites,
    importer=_importer_activites,
    option="garder_valides",
)


@get("/", opt={"permission": PERMISSION})
async def accueil() -> Template:
    return Template("imports/accueil.html", context={"sortes": [BENEFICIAIRES, ACTIVITES]})


ROUTES = [Router(path=ADRESSE, route_handlers=[accueil, *routes_import(BENEFICIAIRES), *routes_import(ACTIVITES)])]

__all__ = ["ROUTES"]
