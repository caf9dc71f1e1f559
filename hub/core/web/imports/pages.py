"""The pages of an import, the same for each kind (:class:`SorteImport`), under
``/imports/<chemin>`` (permission ``hub.imports``: mediators):

- ``GET``: the columns, the template file, the upload form;
- ``GET …/modele.xlsx``: the template file, generated now;
- ``POST``: the file uploaded and analysed, faulty rows (and, for bénéficiaires, possible
  duplicates) listed, nothing written;
- ``POST …/confirmer``: the file imported, with the option the person ticked (for activities:
  keep the valid rows only; for bénéficiaires: leave the possible duplicates out); when nothing
  could be written, the analysis again with the refusal (400).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.imports.colonnes import Colonne
from hub.core.imports.modele import modele_xlsx
from hub.core.imports.rapport import ErreurLigne
from hub.core.web.imports.depots import deposer, fichier_depose
from hub.core.web.organisation.formulaires import Formulaire

ADRESSE = "/imports"
PERMISSION = "hub.imports"
TAILLE_MAX = 20 * 1024 * 1024  # an upload's bytes; larger files go through ``hub import``
ERREURS_AFFICHEES = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Rapport(Protocol):
    """What the analysis and the import of each kind return."""

    lignes: int
    erreurs: list[ErreurLigne]

    @property
    def valides(self) -> int: ...

    @property
    def importe(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class SorteImport:
    """One kind of import: its page's ``chemin`` under ``/imports``, its ``titre``, its
    ``colonnes``, its template's data sheet (``feuille``); its ``analyser`` and ``importer``
    (``importer(session, mediateur_id, chemin, par, coche)``, ``coche``: whether the
    checkbox ``option`` was ticked)."""

    chemin: str
    titre: str
    colonnes: Sequence[Colonne]
    feuille: str
    analyser: Callable[[AsyncSession, str, Path], Awaitable[Rapport]]
    importer: Callable[[AsyncSession, str, Path, str, bool], Awaitable[Rapport]]
    option: str

    @property
    def adresse(self) -> str:
        return f"{ADRESSE}/{self.chemin}"


def routes_import(sorte: SorteImport) -> list[HTTPRouteHandler]:
    """The four pages of ``sorte`` (see the module)."""
    acces = {"permission": PERMISSION}

    @get(f"/{sorte.chemin}", opt=acces)
    async def page() -> Template:
        return _page_depot(sorte)

    @get(f"/{sorte.chemin}/modele.xlsx", opt=acces)
    async def telecharger_modele() -> Response[bytes]:
        nom = f"modele-{sorte.chemin}.xlsx"
        return Response(
            modele_xlsx(sorte.colonnes, feuille=sorte.feuille),
            media_type=XLSX,
            headers={"Content-Disposition": f'attachment; filename="{nom}"'},
        )

    @post(f"/{sorte.chemin}", opt=acces, request_max_body_size=TAILLE_MAX)
    async def analyser(
        request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
    ) -> Template:
        mediateur_id = _mediateur(principal)
        try:
            jeton, chemin = await deposer(hub, mediateur_id, (await request.form()).get("fichier"))
            async with hub.session() as db:
                rapport = await sorte.analyser(db, mediateur_id, chemin)
        except ValidationError as exc:
            return _page_depot(sorte, exc.errors)
        return _page_analyse(sorte, rapport, jeton)

    @post(f"/{sorte.chemin}/confirmer", opt=acces)
    async def confirmer(
        request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
    ) -> Template:
        mediateur_id = _mediateur(principal)
        formulaire = await request.form()
        jeton = str(formulaire.get("depot", ""))
        chemin = fichier_depose(hub, mediateur_id, jeton)
        coche = formulaire.get(sorte.option) == "true"
        async with hub.session() as db, db.begin():
            rapport = await sorte.importer(db, mediateur_id, chemin, principal.id, coche)
        if not rapport.importe:
            return _page_analyse(sorte, rapport, jeton, refuse=True)
        chemin.unlink(missing_ok=True)
        return Template("imports/resultat.html", context={"sorte": sorte, "rapport": rapport})

    return [page, telecharger_modele, analyser, confirmer]


def _page_depot(sorte: SorteImport, erreurs: Mapping[str, str] | None = None) -> Template:
    """The page of an import, with the upload form (its error under the file field, 400)."""
    context = {"sorte": sorte, "formulaire": Formulaire({}, erreurs or {}), "taille_max": TAILLE_MAX // 2**20}
    return Template("imports/depot.html", context=context, status_code=400 if erreurs else 200)


def _page_analyse(sorte: SorteImport, rapport: Rapport, jeton: str, *, refuse: bool = False) -> Template:
    context = {"sorte": sorte, "rapport": rapport, "jeton": jeton, "refuse": refuse, "affichees": ERREURS_AFFICHEES}
    return Template("imports/analyse.html", context=context, status_code=400 if refuse else 200)


def _mediateur(principal: Principal) -> str:
    return principal.mediateur_id or ""  # set for whoever holds hub.imports
