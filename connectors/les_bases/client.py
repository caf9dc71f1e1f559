"""The HTTP client of Les Bases' public feeds; every failure is a typed error of
:mod:`connectors.errors`, with a French message that says what to do."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import msgspec

from connectors.errors import ConfigError, RecordError
from connectors.http import get, raise_for_status
from connectors.les_bases.markdown import FicheRessource, lire_fiche
from connectors.les_bases.models import Flux

PARTENAIRE = "Les Bases du numérique d'intérêt général"
URL_PAR_DEFAUT = "https://lesbases.anct.gouv.fr"


class RessourceIndisponible(RecordError):
    """The Markdown page answered 404: the resource is private, unpublished or deleted now."""


class LesBases:
    """Reads ``base_url``'s public feeds through ``http`` (its transport decides where requests
    go: the network, a respx router, or a local folder for a demo)."""

    def __init__(self, http: httpx.AsyncClient, base_url: str = URL_PAR_DEFAUT) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")

    async def ressources(self) -> list[Any]:
        """Every item of ``/api/v1/resources``, raw (see :class:`~connectors.les_bases.models.RessourceFlux`)."""
        return await self._flux("/api/v1/resources")

    async def bases(self) -> list[Any]:
        """Every item of ``/api/v1/bases``, raw (see :class:`~connectors.les_bases.models.BaseFlux`)."""
        return await self._flux("/api/v1/bases")

    async def markdown(self, slug: str) -> str:
        """The Markdown page of a public resource; :class:`RessourceIndisponible` when Les Bases
        says 404 (the resource is no longer public)."""

        def verifier(reponse: httpx.Response) -> None:
            if reponse.status_code == 404:
                raise RessourceIndisponible(
                    f"la ressource « {slug} » n'est plus publique sur {PARTENAIRE} (404) : elle sera retirée "
                    "à la prochaine lecture du flux"
                )
            raise_for_status(reponse, partner=PARTENAIRE)

        reponse = await get(
            self.http, f"{self.base_url}/ressources/{quote(slug, safe='')}/markdown", partner=PARTENAIRE, check=verifier
        )
        return reponse.text

    async def fiche(self, slug: str) -> FicheRessource:
        """The resource read from its Markdown page (:func:`~connectors.les_bases.markdown.lire_fiche`)."""
        return lire_fiche(await self.markdown(slug))

    async def _flux(self, chemin: str) -> list[Any]:
        reponse = await get(self.http, f"{self.base_url}{chemin}", partner=PARTENAIRE)
        try:
            return msgspec.json.decode(reponse.content, type=Flux).data
        except msgspec.DecodeError as exc:
            raise ConfigError(
                f"{PARTENAIRE} ({chemin}) ne répond pas au format attendu ({exc}) : un objet JSON avec une liste "
                "« data » ; vérifiez l'adresse configurée"
            ) from None
