"""Server-side web sessions, and OpenID Connect logins under way."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow


class WebSession(Base):
    """A signed-in browser. The cookie carries a random token; only its SHA-256 is stored (``id``).

    ``id_token`` is kept for the provider's logout (``id_token_hint``); ``usurpateur_id`` is the
    admin impersonating ``user_id`` (a test user), when there is one."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(sa.String(64))
    creation: Mapped[datetime] = mapped_column(default=utcnow)
    expiration: Mapped[datetime] = mapped_column(index=True)
    derniere_activite: Mapped[datetime] = mapped_column(default=utcnow)
    id_token: Mapped[str | None] = mapped_column(sa.Text)
    fournisseur: Mapped[str] = mapped_column(sa.String(40), default="proconnect")
    usurpateur_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))


class LoginAttempt(Base):
    """An OpenID Connect login under way, between the redirection to the provider and its return.

    The browser holds a random token in a short-lived cookie; ``id`` is its SHA-256, so the
    return is accepted only in the browser that started the login. ``state`` and ``nonce`` are
    compared with what the provider sends back; the row is deleted when the provider answers."""

    __tablename__ = "login_attempts"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    state: Mapped[str] = mapped_column(sa.String(100))
    nonce: Mapped[str] = mapped_column(sa.String(100))
    suivant: Mapped[str] = mapped_column(sa.String(500), default="/")
    expiration: Mapped[datetime] = mapped_column(index=True)
