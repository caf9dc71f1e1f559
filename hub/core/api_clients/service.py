"""Managing API clients: create, rotate the secret, revoke, list. Each write is audited.

The functions take the caller's database session and do not commit. A secret exists in clear
only in the :class:`IssuedSecret` returned by :func:`create_api_client` and
:func:`rotate_api_client`, to be shown once; the database keeps its HMAC.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.api_clients.credentials import bearer_token, new_secret, secret_digest
from hub.core.api_clients.models import ApiClient
from hub.core.api_clients.scopes import parse_scopes
from hub.core.audit.journal import record_mutation
from hub.core.db.base import utcnow
from hub.core.errors import Conflict, NotFound, ValidationError
from hub.core.settings import Settings

MAX_NOM = 100
PARIS = ZoneInfo("Europe/Paris")


class ApiClientView(msgspec.Struct, frozen=True, kw_only=True):
    """An API client as screens and the CLI show it (never its secret nor its digest)."""

    id: str
    nom: str
    scopes: list[str]
    valid_from: datetime
    valid_until: datetime | None
    revocation: datetime | None
    creation: datetime
    derniere_utilisation: datetime | None

    def statut(self, now: datetime | None = None) -> str:
        """« actif », « révoqué », « expiré » or « pas encore valide »."""
        now = now or utcnow()
        if self.revocation is not None:
            return "révoqué"
        if self.valid_until is not None and now >= self.valid_until:
            return "expiré"
        if now < self.valid_from:
            return "pas encore valide"
        return "actif"


@dataclass(frozen=True, slots=True)
class IssuedSecret:
    """A client and its new secret; ``token`` (``client_id:client_secret``) is shown once."""

    client: ApiClientView
    token: str


def view(client: ApiClient) -> ApiClientView:
    return ApiClientView(
        id=client.id,
        nom=client.nom,
        scopes=list(client.scopes),
        valid_from=client.valid_from,
        valid_until=client.valid_until,
        revocation=client.revocation,
        creation=client.creation,
        derniere_utilisation=client.derniere_utilisation,
    )


async def create_api_client(
    db: AsyncSession,
    settings: Settings,
    *,
    nom: str,
    scopes: list[str],
    valid_until: datetime | None = None,
    valid_from: datetime | None = None,
    par: str | None = None,
) -> IssuedSecret:
    """A new client named ``nom`` (unique) holding ``scopes``. ``par`` is the user acting
    (``None`` for an operator's command). Raises :class:`ValidationError` or :class:`Conflict`."""
    nom = nom.strip()
    if not nom or len(nom) > MAX_NOM:
        raise ValidationError({"nom": f"donnez un nom de 1 à {MAX_NOM} caractères"})
    checked = parse_scopes(scopes)
    now = utcnow()
    valid_from = valid_from or now
    if valid_until is not None and valid_until <= valid_from:
        raise ValidationError({"valid_until": "la fin de validité doit suivre son début"})
    if await db.scalar(sa.select(ApiClient.id).where(ApiClient.nom == nom)):
        raise Conflict(f"un client d'API s'appelle déjà « {nom} » : choisissez un autre nom")
    secret = new_secret()
    client = ApiClient(
        id=str(uuid.uuid4()),
        nom=nom,
        secret_hash=secret_digest(settings.secret_key.reveal(), secret),
        scopes=checked,
        valid_from=valid_from,
        valid_until=valid_until,
        creation=now,
    )
    db.add(client)
    await record_mutation(
        db,
        user_id=par,
        nom="creer_client_api",
        donnees={"client_id": client.id, "nom": nom, "scopes": checked, "valid_until": valid_until},
    )
    return IssuedSecret(client=view(client), token=bearer_token(client.id, secret))


async def rotate_api_client(
    db: AsyncSession, settings: Settings, reference: str, *, par: str | None = None
) -> IssuedSecret:
    """A new secret for the client named or identified by ``reference``; the old one stops
    working at once. Raises :class:`NotFound`, or :class:`Conflict` for a revoked client."""
    client = await find_api_client(db, reference)
    if client.revocation is not None:
        raise Conflict(f"le client d'API « {client.nom} » est révoqué : créez-en un nouveau")
    secret = new_secret()
    client.secret_hash = secret_digest(settings.secret_key.reveal(), secret)
    await record_mutation(
        db, user_id=par, nom="renouveler_secret_client_api", donnees={"client_id": client.id, "nom": client.nom}
    )
    return IssuedSecret(client=view(client), token=bearer_token(client.id, secret))


async def revoke_api_client(db: AsyncSession, reference: str, *, par: str | None = None) -> ApiClientView:
    """Revoke the client named or identified by ``reference``, for good. Raises
    :class:`NotFound`, or :class:`Conflict` when it already is."""
    client = await find_api_client(db, reference)
    if client.revocation is not None:
        raise Conflict(f"le client d'API « {client.nom} » est déjà révoqué")
    client.revocation = utcnow()
    await record_mutation(
        db, user_id=par, nom="revoquer_client_api", donnees={"client_id": client.id, "nom": client.nom}
    )
    return view(client)


async def list_api_clients(db: AsyncSession) -> list[ApiClientView]:
    """Every client, by name."""
    return [view(client) for client in await db.scalars(sa.select(ApiClient).order_by(ApiClient.nom))]


async def find_api_client(db: AsyncSession, reference: str) -> ApiClient:
    """The client whose id or name is ``reference``. Raises :class:`NotFound`."""
    client = await db.scalar(sa.select(ApiClient).where(sa.or_(ApiClient.id == reference, ApiClient.nom == reference)))
    if client is None:
        raise NotFound(f"aucun client d'API ne s'appelle ou n'a pour identifiant « {reference} »")
    return client


def end_of_day(day: date) -> datetime:
    """The end of ``day`` in Paris: a client valid until a date is valid all that day."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=PARIS)


def paris_time(moment: datetime) -> str:
    """« 31/01/2027 à 23:59 » (heure de Paris)."""
    return moment.astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")
