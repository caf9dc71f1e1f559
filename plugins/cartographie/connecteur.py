"""The national lieux connector: data·inclusion structures of the chosen sources and départements.

Each instance (``[[connectors]]``, kind ``cartographie.lieux``) reads the source
``mediation-numerique`` (the Cartographie nationale) and the ``autres_sources`` its operator
adds, département by département, into :class:`~plugins.cartographie.models.LieuNational`.
The stream is a full refresh: every run reads everything, and the core engine soft-deletes the
lieux it did not meet only once the run is complete — a run cut short (429, 5xx, timeout) never
deletes anything. A département removed from the configuration loses its lieux at the next
complete run.

``check()`` reads ``/api/v1/sources``: it proves the token (401 → ``needs_reauth``, 403 →
``setup_error``, each with its own message) and that every configured source exists.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any

import msgspec

from connectors.data_inclusion import BASE_URL, DataInclusionClient
from connectors.data_inclusion.models import Structure
from connectors.errors import ConfigError
from hub.core.secrets import Secret
from hub.core.structures.normalisation import texte_recherche
from hub.core.sync.connector import Connector, Stream
from plugins.cartographie.models import LieuNational

KIND = "cartographie.lieux"
SOURCE_NATIONALE = "mediation-numerique"

Departement = Annotated[str, msgspec.Meta(pattern=r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-8]|98[4-9])$")]
SlugSource = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class InstanceCartographie(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """``[[connectors]] config`` of a ``cartographie.lieux`` instance.

    ``jeton``: the data·inclusion token (scope ``api``), as a ``$env``/``$file`` reference.
    ``departements``: the départements read (at least one; ``2A``/``2B`` for Corsica).
    ``autres_sources``: data·inclusion sources read besides ``mediation-numerique``.
    ``exclure_doublons``: let data·inclusion drop the structures it knows as duplicates
    (useful with several sources). ``taille_page``: items asked per page (API maximum 10 000).
    """

    jeton: Secret
    departements: Annotated[list[Departement], msgspec.Meta(min_length=1)]
    autres_sources: list[SlugSource] = msgspec.field(default_factory=list)
    exclure_doublons: bool = False
    taille_page: Annotated[int, msgspec.Meta(ge=1, le=10000)] = 1000
    adresse_api: str = BASE_URL

    @property
    def sources(self) -> list[str]:
        """``mediation-numerique`` first, then the other sources, each once."""
        return list(dict.fromkeys([SOURCE_NATIONALE, *self.autres_sources]))


class LieuLu(Structure, kw_only=True, forbid_unknown_fields=False):
    """A structure as read, with the département it was asked for (added by :meth:`read`)."""

    code_departement: Departement


def lieu_en_ligne(lieu: LieuLu) -> dict[str, Any]:
    """The row of :class:`LieuNational` for a structure read."""
    row = msgspec.structs.asdict(lieu)
    row["doublons"] = [{"source": d.source, "id": d.id} for d in lieu.doublons]
    row["recherche"] = texte_recherche(
        {"nom": lieu.nom, "commune": lieu.commune, "code_postal": lieu.code_postal, "siret": lieu.siret}
    )
    return row


class LieuxNationaux(Connector):
    kind = KIND
    title = "Cartographie nationale des lieux (data·inclusion)"
    config_type = InstanceCartographie
    streams = (
        Stream(
            name="lieux",
            table=LieuNational.__table__,
            record_type=LieuLu,
            primary_key="id",
            to_row=lieu_en_ligne,
            mode="full_refresh",
        ),
    )

    def _client(self) -> DataInclusionClient:
        config: InstanceCartographie = self.config
        return DataInclusionClient(config.jeton.reveal(), base_url=config.adresse_api, http=self.http)

    async def check(self) -> None:
        """The token is accepted and every configured source exists."""
        connues = {source.slug for source in await self._client().sources()}
        inconnues = [slug for slug in self.config.sources if slug not in connues]
        if inconnues:
            raise ConfigError(
                f"source(s) inconnue(s) de data·inclusion : {', '.join(inconnues)} ; sources disponibles : "
                f"{', '.join(sorted(connues))}. Corrigez « autres_sources »."
            )

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        client, config = self._client(), self.config
        for departement in config.departements:
            query = client.structures(
                sources=config.sources,
                code_departement=departement,
                exclure_doublons=config.exclure_doublons or None,
                size=config.taille_page,
            )
            async for page in query.pages():
                yield [_avec_departement(item, departement) for item in page.raw]


def _avec_departement(item: Any, departement: str) -> Any:
    return {**item, "code_departement": departement} if isinstance(item, dict) else item
