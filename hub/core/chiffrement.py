"""Values a plugin (or the core) must store but never keep readable: OAuth tokens, webhook
secrets, API keys of partners.

Contract:

- :func:`chiffrer` gives a Fernet token (AES-128-CBC + HMAC-SHA256, ASCII), different at each
  call; :func:`dechiffrer` gives the value back.
- The key is derived from the hub's ``secret_key`` with HKDF-SHA256 and a **purpose label**
  (``usage``, e.g. ``"hub.plugins.rdv:secrets"``): the key is never the secret key itself, and a
  value encrypted for one purpose cannot be read for another. Name the purpose after your plugin
  (``hub.plugins.<slug>:<what>``) and never change it, or stored values become unreadable.
- Changing ``secret_key``, altering a stored value or reading it under another purpose makes
  :func:`dechiffrer` raise :class:`Illisible`: the value must be given again (a mediator links
  their account anew).
"""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hub.core.secrets import Secret

ILLISIBLE = "valeur chiffrée illisible (la clé secrète du hub a changé, ou la valeur a été altérée)"


class Illisible(Exception):
    """A stored value this deployment's key cannot decrypt for this purpose. The message is French
    and says what happened; the caller says what to do next."""


@lru_cache(maxsize=32)
def _fernet(secret_key: str, usage: str) -> Fernet:
    if not usage:
        raise ValueError("usage : nommez l'usage de la clé, par exemple « hub.plugins.rdv:secrets »")
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=usage.encode()).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def chiffrer(secret_key: Secret, valeur: str, *, usage: str) -> str:
    """``valeur`` encrypted under the key of ``usage`` (a Fernet token, ASCII)."""
    return _fernet(secret_key.reveal(), usage).encrypt(valeur.encode()).decode("ascii")


def dechiffrer(secret_key: Secret, jeton: str, *, usage: str) -> str:
    """The value :func:`chiffrer` encrypted for ``usage``; :class:`Illisible` if it cannot be."""
    fernet = _fernet(secret_key.reveal(), usage)
    try:
        return fernet.decrypt(jeton.encode("ascii")).decode()
    except (InvalidToken, ValueError):  # ValueError: not ASCII, or not text once decrypted
        raise Illisible(ILLISIBLE) from None
