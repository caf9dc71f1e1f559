"""Secrets stored by the plugin (OAuth tokens, webhook secrets), encrypted at rest.

Fernet (AES-128-CBC + HMAC-SHA256) under a key derived from the hub's ``secret_key`` with
HKDF-SHA256 and a purpose label, so the key is never the secret key itself. Changing
``secret_key`` makes the stored values unreadable: :func:`dechiffrer` then raises
:class:`Illisible` and the mediator links their account again.

Meant to move to the core (one helper for every plugin): see the report of issue 6.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hub.core.secrets import Secret

USAGE = b"hub.plugins.rdv:secrets"


class Illisible(Exception):
    """A stored value that this deployment's key cannot decrypt (the key changed, or the value
    was altered)."""


@lru_cache(maxsize=8)
def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=USAGE).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def chiffrer(secret_key: Secret, valeur: str) -> str:
    """``valeur`` encrypted (a Fernet token, ASCII), different at each call."""
    return _fernet(secret_key.reveal()).encrypt(valeur.encode()).decode("ascii")


def dechiffrer(secret_key: Secret, jeton: str) -> str:
    """The value :func:`chiffrer` encrypted; :class:`Illisible` if it cannot be."""
    try:
        return _fernet(secret_key.reveal()).decrypt(jeton.encode("ascii")).decode()
    except (InvalidToken, ValueError):
        raise Illisible(
            "secret RDV illisible (la clé secrète du hub a changé ?) : reliez de nouveau le compte RDV Service Public"
        ) from None
