"""The journal of changes (``GET /administration/journal``, permission ``hub.support``: admins and
support): the audit log of mutations, newest first, filtered by person (e-mail), action and
period (days, Paris time), 50 a page."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

import msgspec
import sqlalchemy as sa
from litestar import Request, get
from litestar.di import NamedDependency
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.queries import PageMutations, lister_mutations, noms_mutations
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.identity.models import User
from hub.core.validation import parse
from hub.core.validation.champs import Email
from hub.core.web.dates import debut_du_jour, fin_du_jour
from hub.core.web.organisation.formulaires import Formulaire
from hub.core.web.pagination import pagination

ADRESSE = "/administration/journal"
PAR_PAGE = 50
PERSONNE_INCONNUE = "Aucune personne n'a cette adresse e-mail."
PERIODE_INVERSEE = "La fin de la période précède son début."


class FiltresJournal(msgspec.Struct, kw_only=True):
    personne: Email | None = None
    action: Annotated[str, msgspec.Meta(max_length=80)] | None = None
    du: date | None = None
    au: date | None = None
    page: Annotated[int, msgspec.Meta(ge=1, le=1_000_000, extra={"message": "Numéro de page invalide."})] = 1


FILTRES = tuple(field.name for field in msgspec.structs.fields(FiltresJournal))


@get(ADRESSE, opt={"permission": "hub.support"})
async def page_journal(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Template:
    brut = {nom: valeur for nom in FILTRES if (valeur := request.query_params.get(nom, "").strip())}
    async with hub.session() as db:
        actions = await noms_mutations(db)
        try:
            resultats = await _mutations(db, parse(FiltresJournal, brut))
        except ValidationError as exc:
            resultats, formulaire, status = None, Formulaire(brut, exc.errors), 400
        else:
            formulaire, status = Formulaire(brut), 200
    context = {
        "formulaire": formulaire,
        "actions": actions,
        "resultats": resultats,
        "lignes": [(mutation, _lisible(mutation.donnees)) for mutation in resultats.mutations] if resultats else [],
        "pagination": pagination(ADRESSE, brut.items(), resultats.page, resultats.pages) if resultats else None,
    }
    return Template("administration/journal.html", context=context, status_code=status)


async def _mutations(db: AsyncSession, filtres: FiltresJournal) -> PageMutations:
    """The page of mutations the filters ask for; :class:`ValidationError` on the filter at fault."""
    user_id = None
    if filtres.personne:
        email = sa.func.lower(User.email) == filtres.personne
        user_id = await db.scalar(sa.select(User.id).where(email))
        if user_id is None:
            raise ValidationError({"personne": PERSONNE_INCONNUE})
    if filtres.du and filtres.au and filtres.au < filtres.du:
        raise ValidationError({"au": PERIODE_INVERSEE})
    return await lister_mutations(
        db,
        user_id=user_id,
        nom=filtres.action,
        depuis=debut_du_jour(filtres.du) if filtres.du else None,
        jusqu_a=fin_du_jour(filtres.au) if filtres.au else None,
        page=filtres.page,
        par_page=PAR_PAGE,
    )


def _lisible(donnees: Any) -> str:
    return json.dumps(donnees, ensure_ascii=False, indent=2, sort_keys=True)
