"""The Les Bases connector: public resources only, each Markdown page read when it changed.

Two streams fill the same table :class:`~plugins.ressources.models.Ressource`:

``ressources`` (full refresh)
    The public items of ``/api/v1/resources`` (one request, no Markdown). The engine
    soft-deletes the rows it no longer sees: a resource made private, unpublished or deleted
    disappears at the next run. Private and deleted items never land.
``contenus`` (incremental on ``updated``)
    The public items whose ``updated`` is at or after the cursor, oldest first, each with its
    Markdown page read (title, description, themes, audiences, support types). A resource is
    therefore read again only when Les Bases says it changed. A page that answers 404 (the
    resource went private in between) is skipped: ``ressources`` removes it. A page in an
    unexpected format is dead-lettered with the reason.

Each stream writes the feed's columns too, so whichever runs first inserts a complete row.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
import msgspec

from connectors.errors import ConfigError, RecordError
from connectors.les_bases.client import URL_PAR_DEFAUT, LesBases, RessourceIndisponible
from connectors.les_bases.dossier import DossierLesBases
from connectors.les_bases.markdown import FicheRessource, Libelle, MarkdownIllisible
from connectors.les_bases.models import RessourceFlux, lire
from hub.core.structures.normalisation import normaliser
from hub.core.sync.connector import Connector, Stream
from plugins.ressources.models import Ressource

PAGE = 25
LONGUEUR_RECHERCHE = 20_000
NonVide = Annotated[str, msgspec.Meta(min_length=1)]
Adresse = Annotated[str, msgspec.Meta(pattern=r"^https?://")]


class ConfigLesBases(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """``url``: Les Bases' address (the national one by default). ``dossier``: a local folder
    served in its place (demo data; see :mod:`connectors.les_bases.dossier`)."""

    url: Adresse = URL_PAR_DEFAUT
    dossier: str | None = None


class RessourcePublique(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """A public item of the resources feed, as it lands."""

    id: NonVide
    slug: NonVide
    title: NonVide
    url: Adresse
    created: datetime
    updated: datetime
    published: datetime | None = None


class ContenuRessource(RessourcePublique, kw_only=True):
    """A public item with its Markdown page read (``erreur`` when the page was unreadable)."""

    fiche: FicheRessource | None = None
    erreur: str | None = None


def ligne_flux(record: RessourcePublique) -> dict[str, Any]:
    return {
        "source_id": record.id,
        "slug": record.slug,
        "titre": record.title,
        "url": record.url,
        "creee_le": record.created,
        "modifiee_le": record.updated,
        "publiee_le": record.published,
    }


def ligne_contenu(record: ContenuRessource) -> dict[str, Any]:
    if record.fiche is None:
        raise RecordError(record.erreur or "page Markdown absente")
    fiche = record.fiche
    vocabulaire: list[Libelle] = [*fiche.themes, *fiche.types_support, *fiche.publics]
    texte = " ".join([record.title, fiche.description, *(v.libelle for v in vocabulaire), fiche.contenu])
    return ligne_flux(record) | {
        "description": fiche.description or None,
        "themes": [t.code for t in fiche.themes],
        "types_support": [t.code for t in fiche.types_support],
        "publics": [p.code for p in fiche.publics],
        "libelles": {v.code: v.libelle for v in vocabulaire},
        "recherche": normaliser(texte)[:LONGUEUR_RECHERCHE],
        "contenu_modifie_le": record.updated,
    }


class LesBasesConnecteur(Connector):
    kind = "ressources.les_bases"
    title = "Les Bases du numérique d'intérêt général (ressources publiques)"
    config_type = ConfigLesBases
    streams = (
        Stream(
            name="ressources", table=Ressource.__table__, record_type=RessourcePublique,
            primary_key="source_id", to_row=ligne_flux, mode="full_refresh",
        ),
        Stream(
            name="contenus", table=Ressource.__table__, record_type=ContenuRessource,
            primary_key="source_id", to_row=ligne_contenu, cursor_field="updated",
        ),
    )

    async def check(self) -> None:
        async with self._client() as client:
            await client.ressources()

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        async with self._client() as client:
            bruts = await client.ressources()
            if stream.name == "ressources":
                yield [brut for brut in bruts if _a_garder(brut)]
                return
            a_lire = sorted(
                (item for item in map(_publique, bruts) if item and (cursor is None or item.updated >= cursor)),
                key=lambda item: (item.updated, item.id),
            )
            for debut in range(0, len(a_lire), PAGE):
                page = [await _avec_fiche(client, item) for item in a_lire[debut : debut + PAGE]]
                yield [record for record in page if record is not None]

    def _client(self) -> _Client:
        return _Client(self.config, self.http)


class _Client:
    """The Les Bases client over the engine's HTTP client, or over a local folder."""

    def __init__(self, config: ConfigLesBases, http: httpx.AsyncClient) -> None:
        self.config, self.http, self.local = config, http, None

    async def __aenter__(self) -> LesBases:
        if self.config.dossier is None:
            return LesBases(self.http, self.config.url)
        dossier = Path(self.config.dossier)
        if not dossier.is_dir():
            raise ConfigError(f"dossier Les Bases introuvable ({dossier}) : vérifiez le chemin « dossier »")
        self.local = httpx.AsyncClient(transport=DossierLesBases(dossier))
        return LesBases(self.local, "http://les-bases.local")

    async def __aexit__(self, *exc: object) -> None:
        if self.local is not None:
            await self.local.aclose()


def _publique(brut: Any) -> RessourceFlux | None:
    item = lire(brut, RessourceFlux)
    return item if item is not None and item.public else None


def _a_garder(brut: Any) -> bool:
    """Public items land; malformed ones go on to the engine, which dead-letters them with the
    reason; private, unpublished and deleted ones are dropped here."""
    item = lire(brut, RessourceFlux)
    return item is None or item.public


async def _avec_fiche(client: LesBases, item: RessourceFlux) -> dict[str, Any] | None:
    brut: dict[str, Any] = msgspec.to_builtins(item)
    try:
        brut["fiche"] = msgspec.to_builtins(await client.fiche(item.slug))
    except RessourceIndisponible:
        return None
    except MarkdownIllisible as exc:
        brut["erreur"] = str(exc)
    return brut
