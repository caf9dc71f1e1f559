"""Plain French texts written for both the terminal and the page: ``commande`` between backticks
becomes ``<code>`` on the page (everything else escaped)."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_CODE = re.compile(r"`([^`]+)`")


def code_en_ligne(texte: str | None) -> Markup:
    """``texte`` escaped, its `backticked` parts as ``<code>``."""
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(texte or ""))))


FILTERS = {"code_en_ligne": code_en_ligne}
