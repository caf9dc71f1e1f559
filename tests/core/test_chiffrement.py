"""hub.core.chiffrement: values stored encrypted under a key derived per purpose from secret_key."""

from __future__ import annotations

import pytest

from hub.core.chiffrement import Illisible, chiffrer, dechiffrer
from hub.core.secrets import Secret

CLE = Secret("une-cle-secrete-de-test-assez-longue")
USAGE = "hub.plugins.exemple:jetons"


def test_a_value_comes_back_and_is_never_stored_as_is() -> None:
    premier = chiffrer(CLE, "jeton-d-acces", usage=USAGE)
    second = chiffrer(CLE, "jeton-d-acces", usage=USAGE)

    assert "jeton-d-acces" not in premier
    assert premier != second  # a new IV each time: equal values do not look equal
    assert premier.isascii()
    assert dechiffrer(CLE, premier, usage=USAGE) == dechiffrer(CLE, second, usage=USAGE) == "jeton-d-acces"


def test_the_key_is_derived_per_purpose_so_another_purpose_cannot_read_it() -> None:
    jeton = chiffrer(CLE, "secret de webhook", usage=USAGE)

    with pytest.raises(Illisible, match="illisible"):
        dechiffrer(CLE, jeton, usage="hub.plugins.autre:jetons")


def test_a_changed_secret_key_or_an_altered_value_is_unreadable_not_a_crash() -> None:
    jeton = chiffrer(CLE, "valeur", usage=USAGE)
    altere = jeton[:-6] + ("A" if jeton[-6] != "A" else "B") + jeton[-5:]

    with pytest.raises(Illisible):
        dechiffrer(Secret("une-autre-cle"), jeton, usage=USAGE)
    with pytest.raises(Illisible):
        dechiffrer(CLE, altere, usage=USAGE)
    with pytest.raises(Illisible):
        dechiffrer(CLE, "pas un jeton é", usage=USAGE)


def test_a_purpose_must_be_named() -> None:
    with pytest.raises(ValueError, match="usage"):
        chiffrer(CLE, "valeur", usage="")


def test_tokens_stored_by_the_rdv_plugin_before_the_move_stay_readable() -> None:
    """The rdv plugin's label is the HKDF info it used when it had its own helper: a token made
    the old way (same derivation, written out here) still decrypts."""
    import base64

    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    from plugins.rdv.models import CHIFFREMENT

    derivee = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"hub.plugins.rdv:secrets").derive(
        CLE.reveal().encode()
    )
    ancien = Fernet(base64.urlsafe_b64encode(derivee)).encrypt(b"jeton-de-2025").decode()

    assert dechiffrer(CLE, ancien, usage=CHIFFREMENT) == "jeton-de-2025"
