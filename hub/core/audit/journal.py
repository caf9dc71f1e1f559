"""Writing the audit log: one sanitised row per mutation, in the caller's transaction."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.models import Mutation
from hub.core.sync.deadletters import SECRET_KEY

MAX_NOM = 80


def sanitise(donnees: Any) -> Any:
    """``donnees`` as JSON data without any key that looks like a secret (password, token, API
    key, cookie…), at any depth: such values are dropped, not masked."""
    data = msgspec.to_builtins(donnees, enc_hook=str)
    return _drop_secrets(data)


def _drop_secrets(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _drop_secrets(value) for key, value in data.items() if not SECRET_KEY.search(str(key))}
    if isinstance(data, list):
        return [_drop_secrets(item) for item in data]
    return data


async def record_mutation(
    session: AsyncSession,
    *,
    user_id: str | None,
    nom: str,
    donnees: Mapping[str, Any],
    duree_ms: int = 0,
) -> Mutation:
    """Add a mutation row to ``session`` (flushed, not committed: it lands with the change it
    records, or not at all). ``user_id`` is who acted (``None`` for the system or an operator's
    command); ``donnees`` is sanitised with :func:`sanitise`."""
    if not nom or len(nom) > MAX_NOM:
        raise ValueError(f"nom de mutation invalide : {nom!r}")
    mutation = Mutation(user_id=user_id, nom=nom, donnees=sanitise(donnees), duree_ms=max(0, duree_ms))
    session.add(mutation)
    await session.flush()
    return mutation


@asynccontextmanager
async def journalise(session: AsyncSession, *, user_id: str | None, nom: str) -> AsyncIterator[dict[str, Any]]:
    """Time the block and, when it ends without error, record the mutation ``nom`` with the data
    the block put in the yielded dict. A block that raises records nothing::

        async with journalise(session, user_id=par, nom="creer_structure") as donnees:
            structure = ...
            donnees.update(structure_id=structure.id, nom=structure.nom)
    """
    debut = time.perf_counter()
    donnees: dict[str, Any] = {}
    yield donnees
    duree_ms = round((time.perf_counter() - debut) * 1000)
    await record_mutation(session, user_id=user_id, nom=nom, donnees=donnees, duree_ms=duree_ms)
