"""Creating tags, each scope by whom it belongs to.

- ``personnel``: a mediator (or a coordinator without a mediator side) for themself;
- ``equipe``: a coordinator, for their team;
- ``departemental`` (with its ``departement``) and ``national``: an administrator.

Runs in the caller's transaction and records ``creer_tag``.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.communes import CodeDepartement
from hub.core.audit.journal import journalise
from hub.core.errors import Forbidden, ValidationError
from hub.core.identity.principal import Principal
from hub.core.tags.models import Tag
from hub.core.tags.portees import PorteeTag
from hub.core.validation import check

NomTag = Annotated[
    str, msgspec.Meta(min_length=3, max_length=80, extra={"message": "Le nom d'un tag compte de 3 à 80 caractères."})
]
DescriptionTag = Annotated[
    str, msgspec.Meta(max_length=280, extra={"message": "La description d'un tag tient en 280 caractères au plus."})
]
NOM_PRIS = "Un tag porte déjà ce nom."
DEPARTEMENT_REQUIS = "Choisissez le département du tag."
REFUS: dict[str, str] = {
    "personnel": "Seuls les médiateurs et les coordinateurs ont des tags personnels.",
    "equipe": "Seul un coordinateur crée les tags de son équipe.",
    "departemental": "Seul un administrateur crée les tags départementaux.",
    "national": "Seul un administrateur crée les tags nationaux.",
}


class TagInput(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A tag to create in ``portee`` (``departement`` for a départemental one only)."""

    nom: NomTag
    portee: PorteeTag
    description: DescriptionTag | None = None
    departement: CodeDepartement | None = None


async def creer_tag(session: AsyncSession, principal: Principal, data: TagInput) -> Tag:
    """A new tag of ``principal`` in ``data.portee``. :class:`Forbidden` when they may not create
    tags of that scope; :class:`ValidationError` on ``nom`` (a tag of the same owner already has
    that name, whatever the case) or ``departement`` (missing for a départemental tag)."""
    data = check(data)
    proprietaire = _proprietaire(principal, data)
    meme_proprietaire = [getattr(Tag, champ) == valeur for champ, valeur in proprietaire.items()]
    pris = await session.scalar(
        sa.select(Tag.id)
        .where(*meme_proprietaire, Tag.suppression.is_(None), sa.func.lower(Tag.nom) == data.nom.lower())
        .limit(1)
    )
    if pris is not None:
        raise ValidationError({"nom": NOM_PRIS})
    async with journalise(session, user_id=principal.id, nom="creer_tag") as donnees:
        tag = Tag(nom=data.nom, description=data.description, **proprietaire)
        session.add(tag)
        await session.flush()
        donnees.update(tag_id=tag.id, nom=tag.nom, portee=data.portee)
    return tag


def _proprietaire(principal: Principal, data: TagInput) -> dict[str, Any]:
    """The owner fields of the new tag (each of them, ``None`` included: they define the scope)."""
    vide: dict[str, Any] = {"mediateur_id": None, "coordinateur_id": None, "departement": None, "equipe": False}
    if data.portee == "personnel" and principal.mediateur_id:
        return vide | {"mediateur_id": principal.mediateur_id}
    if data.portee == "personnel" and principal.coordinateur_id:
        return vide | {"coordinateur_id": principal.coordinateur_id}
    if data.portee == "equipe" and principal.coordinateur_id:
        return vide | {"coordinateur_id": principal.coordinateur_id, "equipe": True}
    if data.portee in ("departemental", "national") and principal.has_role("admin"):
        if data.portee == "national":
            return vide
        if data.departement is None:
            raise ValidationError({"departement": DEPARTEMENT_REQUIS})
        return vide | {"departement": data.departement}
    raise Forbidden(REFUS[data.portee])
