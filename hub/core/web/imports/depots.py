"""Files uploaded for an import, kept between its analysis and its confirmation.

A file goes under ``<data_dir>/imports/<mediateur_id>/<jeton><extension>``: the confirmation
names it by its ``jeton`` (random) and finds it only among the files of the mediator who asks.
It is deleted once imported; the files of the mediator older than :data:`CONSERVATION` are
deleted at each new upload.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from pathlib import Path

from litestar.datastructures import UploadFile

from hub.core.db.base import utcnow
from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.imports.tableaux import FORMAT_INCONNU, FORMATS

CONSERVATION = timedelta(days=1)
JETON = re.compile(r"^[0-9a-f]{32}$")
AUCUN_FICHIER = "Choisissez un fichier .csv ou .xlsx."
DEPOT_INTROUVABLE = "Ce fichier n'est plus disponible : déposez-le à nouveau."


async def deposer(hub: Hub, mediateur_id: str, fichier: object) -> tuple[str, Path]:
    """Keep the uploaded ``fichier`` (a form's field) of the mediator; its ``jeton`` and path.
    :class:`ValidationError` on ``fichier`` when it is missing or neither CSV nor XLSX."""
    if not isinstance(fichier, UploadFile) or not fichier.filename:
        raise ValidationError({"fichier": AUCUN_FICHIER})
    extension = Path(fichier.filename).suffix.lower()
    if extension not in FORMATS:
        raise ValidationError({"fichier": FORMAT_INCONNU})
    dossier = _dossier(hub, mediateur_id)
    dossier.mkdir(parents=True, exist_ok=True)
    _purger(dossier)
    jeton = secrets.token_hex(16)
    chemin = dossier / f"{jeton}{extension}"
    chemin.write_bytes(await fichier.read())
    return jeton, chemin


def fichier_depose(hub: Hub, mediateur_id: str, jeton: str) -> Path:
    """The file the mediator uploaded as ``jeton``; :class:`NotFound` when there is none."""
    if JETON.match(jeton):
        for extension in FORMATS:
            chemin = _dossier(hub, mediateur_id) / f"{jeton}{extension}"
            if chemin.is_file():
                return chemin
    raise NotFound(DEPOT_INTROUVABLE)


def _dossier(hub: Hub, mediateur_id: str) -> Path:
    return Path(hub.settings.data_dir) / "imports" / mediateur_id


def _purger(dossier: Path) -> None:
    limite = (utcnow() - CONSERVATION).timestamp()
    for ancien in dossier.glob("*"):
        if ancien.stat().st_mtime < limite:
            ancien.unlink(missing_ok=True)
