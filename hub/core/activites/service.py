"""Recording, editing and deleting a mediator's CRAs, with all their side effects.

``mediateur_id`` is always the acting mediator's own (the caller takes it from the principal):
an activity of someone else, deleted or unknown gets :class:`~hub.core.errors.NotFound`, as does
a followed bénéficiaire that is not theirs. Each function checks everything before its first
write (:func:`~hub.core.activites.preparation.preparer_cra`), runs in the caller's transaction
and records its mutation (``creer_activite``, ``modifier_activite``, ``supprimer_activite``;
their data carry ids, never a bénéficiaire's identity nor the notes).

Side effects, as La Coop's ``createOrUpdateActivite``: one accompagnement per bénéficiaire; an
anonymous bénéficiaire created per anonymous participant (for an individual CRA without a
followed bénéficiaire, one); on edit, the anonymous bénéficiaires used only by this activity
deleted and created again, the followed ones added or removed; « premier accompagnement »
recomputed for every followed bénéficiaire touched; the counters of the activity, the mediator,
the lieu and the bénéficiaires kept (:mod:`hub.core.activites.compteurs`). A deleted activity is
soft-deleted; its accompagnements go (and its anonymous bénéficiaires with them), its RDV is
freed (``rdv_id`` emptied: the RDV may get another CRA), its ``accompagnements_count`` and tags
stay as they were.

Workshop attributions are drawn with ``aleatoire`` when given, else with a generator seeded with
the activity's id (the same counters saved again draw the same attributions).
"""

from __future__ import annotations

import random
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.accompagnements import ajouter_accompagnements, retirer_anonymes, retirer_suivis
from hub.core.activites.compteurs import ajuster_mediateur, ajuster_structure, noter_creation
from hub.core.activites.inputs import Cra
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.premiers import recalculer_premiers
from hub.core.activites.preparation import CraPrepare, preparer_cra
from hub.core.audit.journal import journalise
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.db.base import utcnow
from hub.core.db.columns import new_id
from hub.core.errors import NotFound
from hub.core.identity.models import Mediateur
from hub.core.tags.liens import remplacer_tags
from hub.core.tags.models import activites_tags

INTROUVABLE = "Activité introuvable."


async def activite_du_mediateur(session: AsyncSession, mediateur_id: str, activite_id: str) -> Activite:
    """The mediator's activity ``activite_id`` (not deleted), or :class:`NotFound`."""
    activite = await session.get(Activite, activite_id)
    if activite is None or activite.mediateur_id != mediateur_id or activite.suppression is not None:
        raise NotFound(INTROUVABLE)
    return activite


async def creer_activite(
    session: AsyncSession, mediateur_id: str, cra: Cra, *, par: str | None, aleatoire: random.Random | None = None
) -> Activite:
    """A new activity of the mediator from ``cra`` (errors: see :func:`preparer_cra`)."""
    prepare = await preparer_cra(session, mediateur_id, cra)
    async with journalise(session, user_id=par, nom="creer_activite") as donnees:
        activite = Activite(id=new_id(), mediateur_id=mediateur_id, type=prepare.cra.type, **prepare.colonnes)
        session.add(activite)
        await session.flush()
        anonymes = prepare.anonymes(aleatoire or random.Random(activite.id))
        await ajouter_accompagnements(session, activite.id, mediateur_id, suivis=prepare.suivis, anonymes=anonymes)
        await remplacer_tags(session, activites_tags, activite.id, prepare.tags)
        activite.accompagnements_count = len(prepare.suivis) + len(anonymes)
        await ajuster_mediateur(
            session,
            mediateur_id,
            activites=1,
            accompagnements=activite.accompagnements_count,
            beneficiaires=len(anonymes),
        )
        await ajuster_structure(session, activite.structure_id, 1)
        await noter_creation(session, Mediateur, mediateur_id, "derniere_creation_activite")
        await recalculer_premiers(session, prepare.suivis)
        await session.flush()
        donnees.update(_resume(activite, prepare))
    return activite


async def modifier_activite(
    session: AsyncSession,
    mediateur_id: str,
    activite_id: str,
    cra: Cra,
    *,
    par: str | None,
    aleatoire: random.Random | None = None,
) -> Activite:
    """The mediator's activity ``activite_id`` rewritten from ``cra`` (its type may change; its
    employer stays). :class:`NotFound` for an activity that is not theirs; other errors: see
    :func:`preparer_cra`."""
    activite = await activite_du_mediateur(session, mediateur_id, activite_id)
    prepare = await preparer_cra(session, mediateur_id, cra, actuelle=activite)
    async with journalise(session, user_id=par, nom="modifier_activite") as donnees:
        avant_suivis = await _suivis_de(session, activite.id)
        avant_structure, avant_nombre = activite.structure_id, activite.accompagnements_count
        supprimes = await retirer_anonymes(session, activite.id)
        gardes = set(prepare.suivis)
        await retirer_suivis(session, activite.id, [b for b in avant_suivis if b not in gardes])
        anonymes = prepare.anonymes(aleatoire or random.Random(activite.id))
        deja = set(avant_suivis)
        nouveaux_suivis = [b for b in prepare.suivis if b not in deja]
        await ajouter_accompagnements(session, activite.id, mediateur_id, suivis=nouveaux_suivis, anonymes=anonymes)
        await remplacer_tags(session, activites_tags, activite.id, prepare.tags)
        for champ, valeur in {"type": prepare.cra.type, **prepare.colonnes}.items():
            setattr(activite, champ, valeur)
        # Even when only its tags or participants change: the statistics' rollup finds the days to recount by it.
        activite.modification = utcnow()
        activite.accompagnements_count = len(prepare.suivis) + len(anonymes)
        await ajuster_mediateur(
            session,
            mediateur_id,
            accompagnements=activite.accompagnements_count - avant_nombre,
            beneficiaires=len(anonymes) - supprimes,
        )
        if activite.structure_id != avant_structure:
            await ajuster_structure(session, avant_structure, -1)
            await ajuster_structure(session, activite.structure_id, 1)
        await session.flush()
        await recalculer_premiers(session, {*avant_suivis, *prepare.suivis})
        donnees.update(_resume(activite, prepare))
    return activite


async def supprimer_activite(
    session: AsyncSession, mediateur_id: str, activite_id: str, *, par: str | None
) -> Activite:
    """Soft-delete the mediator's activity ``activite_id`` (see the module for what goes with
    it). :class:`NotFound` for an activity that is not theirs."""
    activite = await activite_du_mediateur(session, mediateur_id, activite_id)
    async with journalise(session, user_id=par, nom="supprimer_activite") as donnees:
        suivis = await _suivis_de(session, activite.id)
        supprimes = await retirer_anonymes(session, activite.id)
        await retirer_suivis(session, activite.id, suivis)
        activite.suppression = utcnow()
        activite.rdv_id = None
        await ajuster_mediateur(
            session,
            mediateur_id,
            activites=-1,
            accompagnements=-activite.accompagnements_count,
            beneficiaires=-supprimes,
        )
        await ajuster_structure(session, activite.structure_id, -1)
        await session.flush()
        await recalculer_premiers(session, suivis)
        donnees.update(activite_id=activite.id, type=activite.type)
    return activite


async def _suivis_de(session: AsyncSession, activite_id: str) -> list[str]:
    """The followed bénéficiaires accompanied in the activity."""
    return list(
        await session.scalars(
            sa.select(Accompagnement.beneficiaire_id)
            .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
            .where(Accompagnement.activite_id == activite_id, Beneficiaire.anonyme.is_(False))
        )
    )


def _resume(activite: Activite, prepare: CraPrepare) -> dict[str, Any]:
    """What the audit log keeps of a saved CRA: ids and fields, no identity and no notes."""
    cra = msgspec.to_builtins(prepare.cra)
    cra.pop("notes", None)
    return {"activite_id": activite.id, "cra": cra}
