"""Data layer: one declarative base, async engines for SQLite and PostgreSQL, migrations."""

from hub.core.db.base import Base, UTCDateTime, utcnow

__all__ = ["Base", "UTCDateTime", "utcnow"]
