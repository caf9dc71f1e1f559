"""Server-side sessions: opened at login, found at each request, renewed, closed at logout.

The browser holds a random token; the database keeps only its SHA-256 (``WebSession.id``), so
a copy of the database opens no session. A session ends ``session_hours`` after it was opened,
or ``session_idle_minutes`` after its last request, whichever comes first: ``expiration`` always
holds that moment. The caller commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.auth.models import WebSession
from hub.core.auth.tokens import new_token, token_digest
from hub.core.db.base import utcnow
from hub.core.settings import Settings

# The last activity is written at most this often: one UPDATE a minute, not one per request.
TOUCH_INTERVAL = timedelta(minutes=1)

FOURNISSEUR_OIDC = "proconnect"
FOURNISSEUR_DEMO = "demo"


def expiration_of(settings: Settings, creation: datetime, last_activity: datetime) -> datetime:
    """The moment a session opened at ``creation`` and last used at ``last_activity`` ends."""
    return min(
        creation + timedelta(hours=settings.session_hours),
        last_activity + timedelta(minutes=settings.session_idle_minutes),
    )


async def open_session(
    db: AsyncSession,
    settings: Settings,
    *,
    user_id: str,
    fournisseur: str,
    id_token: str | None = None,
    usurpateur_id: str | None = None,
    creation: datetime | None = None,
) -> str:
    """Open a session for ``user_id`` and return its token (for the cookie; never stored).

    ``creation`` is kept when a session is renewed (its lifetime does not restart). Expired
    sessions of every user are purged on the way, so the table does not grow without end."""
    now = utcnow()
    await db.execute(sa.delete(WebSession).where(WebSession.expiration <= now))
    token = new_token()
    creation = creation or now
    db.add(
        WebSession(
            id=token_digest(token),
            user_id=user_id,
            csrf_token=new_token(),
            creation=creation,
            derniere_activite=now,
            expiration=expiration_of(settings, creation, now),
            id_token=id_token,
            fournisseur=fournisseur,
            usurpateur_id=usurpateur_id,
        )
    )
    return token


async def find_session(db: AsyncSession, settings: Settings, token: str) -> WebSession | None:
    """The live session of ``token``, its activity recorded; ``None`` (and deleted) once expired."""
    row = await db.get(WebSession, token_digest(token))
    if row is None:
        return None
    now = utcnow()
    if row.expiration <= now:
        await db.delete(row)
        return None
    if now - row.derniere_activite >= TOUCH_INTERVAL:
        row.derniere_activite = now
        row.expiration = expiration_of(settings, row.creation, now)
    return row


async def close_session(db: AsyncSession, token: str) -> WebSession | None:
    """Delete the session of ``token``; returns it (its ``id_token`` serves the provider's logout)."""
    row = await db.get(WebSession, token_digest(token))
    if row is not None:
        await db.delete(row)
    return row


async def renew_session(
    db: AsyncSession, settings: Settings, token: str, *, user_id: str, usurpateur_id: str | None
) -> str | None:
    """Replace the session of ``token`` by a new one (new token, new CSRF token) acting for
    ``user_id``, as when impersonation starts or stops. ``None`` when there is no live session."""
    row = await find_session(db, settings, token)
    if row is None:
        return None
    await db.delete(row)
    return await open_session(
        db,
        settings,
        user_id=user_id,
        fournisseur=row.fournisseur,
        id_token=row.id_token,
        usurpateur_id=usurpateur_id,
        creation=row.creation,
    )
