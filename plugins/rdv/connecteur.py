"""The RDV Service Public connector: the organisations and RDVs of every linked account.

One instance per deployment (``[[connectors]]``, kind ``rdv.service_public``) reads, for each
account still connected, its organisations and the RDVs of its agent since the account's
``depuis`` day. RDV-SP's API v1 has no "modified since" filter and an RDV's status changes after
it starts, so each run reads the whole window again; the engine's upsert writes only what
changed (a run with no change writes nothing). Both streams are incremental, never full
refresh: an account that cannot be read must not see its mirror deleted. Their cursor is the
first day of the windows read (``lu_depuis``). Pages are read raw (:mod:`plugins.rdv.lecture`):
the engine validates each record once, and the ``rdvs`` stream keeps each record's fingerprint
(``rdv_rdv.empreinte``), so an RDV read again unchanged is not even validated.

Per account, a token refused even after one refresh marks that account ``needs_reauth``
(:func:`plugins.rdv.comptes.marquer_a_reconnecter`) and the run goes on with the others: one
mediator revoking the hub never stops anyone else's sync, and the refused account is not called
again until it is linked anew. A 429 or a 5xx fails the run: the engine retries it later, never
before ``Retry-After``.

The class is bound to its hub by :meth:`RdvServicePublic.pour` (``hub_register_connectors``
receives the hub), since the accounts and their tokens live in the hub's database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec

from connectors.errors import AuthError
from connectors.rdv_service_public import PagedQuery, RdvClient
from connectors.rdv_service_public.instances import host_root
from hub.core.chiffrement import Illisible
from hub.core.sync.connector import Connector, Stream
from plugins.rdv import comptes
from plugins.rdv.lecture import PagesBrutes, preparer
from plugins.rdv.lignes import OrganisationLue, RdvLu, annoter, organisation_en_ligne, rdv_en_ligne
from plugins.rdv.models import Compte, Organisation, Rdv
from plugins.rdv.reglages import reglages

if TYPE_CHECKING:
    from hub.core.hub import Hub

KIND = "rdv.service_public"


class InstanceRdv(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Nothing to set here: the instance address and the OAuth application are in
    ``[plugins.rdv]``, the tokens are the mediators' (linked from the hub)."""


def _organisations(client: RdvClient, compte: Compte) -> PagedQuery[Any]:
    return client.organisations()


def _rdvs(client: RdvClient, compte: Compte) -> PagedQuery[Any]:
    return client.rdvs(agent_id=compte.agent_id, starts_after=compte.depuis)


LISTES: dict[str, Callable[[RdvClient, Compte], PagedQuery[Any]]] = {"organisations": _organisations, "rdvs": _rdvs}


class RdvServicePublic(Connector):
    kind = KIND
    title = "RDV Service Public (comptes liés des médiateurs)"
    config_type = InstanceRdv
    streams = (
        Stream(
            name="organisations", table=Organisation.__table__, record_type=OrganisationLue, primary_key="cle",
            to_row=organisation_en_ligne, cursor_field="lu_depuis", sorted=False, prepare=preparer,
        ),
        Stream(
            name="rdvs", table=Rdv.__table__, record_type=RdvLu, primary_key="cle",
            to_row=rdv_en_ligne, cursor_field="lu_depuis", sorted=False, prepare=preparer,
            fingerprint_column="empreinte",
        ),
    )
    hub: ClassVar[Hub]

    @classmethod
    def pour(cls, hub: Hub) -> type[RdvServicePublic]:
        """This connector bound to ``hub`` (its accounts, settings and HTTP transport)."""
        return type(cls.__name__, (cls,), {"hub": hub, "__module__": cls.__module__})

    async def check(self) -> None:
        """The instance address is usable and the OAuth application is configured
        (:class:`~connectors.errors.ConfigError` otherwise). Accounts are checked one by one
        when read: one refused account must not stop the instance."""
        host_root(reglages(self.hub).instance_url)
        comptes.application(self.hub)

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        lister = LISTES[stream.name]
        for compte in await comptes.comptes_actifs(self.hub):
            try:
                client = comptes.client(self.hub, compte, self.http)
                async for page in PagesBrutes.de(lister(client, compte)).pages():
                    yield [annoter(raw, compte.agent_id, compte.depuis) for raw in page.raw]
            except (AuthError, Illisible) as exc:
                await comptes.marquer_a_reconnecter(self.hub, compte.id, str(exc))
                continue
            await comptes.noter_lecture(self.hub, compte.id)
