"""API clients, authenticated with ``Authorization: Bearer <client_id>:<client_secret>``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow
from hub.core.db.columns import uuid_pk


class ApiClient(Base):
    """``secret_hash`` is an HMAC-SHA256 of the secret keyed by the deployment's secret key; the
    secret itself is shown once, at creation or rotation, and never stored."""

    __tablename__ = "api_clients"

    id: Mapped[str] = uuid_pk()
    nom: Mapped[str] = mapped_column(sa.String(100), unique=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    scopes: Mapped[Any] = mapped_column(sa.JSON, default=list)
    valid_from: Mapped[datetime] = mapped_column(default=utcnow)
    valid_until: Mapped[datetime | None]
    revocation: Mapped[datetime | None]
    creation: Mapped[datetime] = mapped_column(default=utcnow)
    derniere_utilisation: Mapped[datetime | None]
