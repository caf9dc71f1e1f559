"""The mediators' CRAs (individuel, collectif) as their forms record them.

An edit keeps the RDV the activity was recorded from (the service does). The forms
offer the durations the mediator uses, their lieux d'activité (and, editing an activity, the
lieu it already has), the tags they see and, ticked, the followed bénéficiaires already chosen.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.durees import options_duree
from hub.core.activites.inputs import lire_cra
from hub.core.activites.saisie import dupliquer_activite, saisie_activite
from hub.core.activites.service import creer_activite, modifier_activite, supprimer_activite
from hub.core.identity import Principal
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import Structure
from hub.core.tags.visibilite import lecteur_du_mediateur, tags_visibles
from hub.core.web.activites import champs_cra
from hub.core.web.activites.champs_communs import avec_choix, champs_de, choix_durees, choix_tags
from hub.core.web.activites.famille import Famille
from hub.core.web.beneficiaires.recherche import rechercher, suivis_choisis
from hub.core.web.organisation.formulaires import Formulaire, Option


def mediateur(principal: Principal) -> str:
    return principal.mediateur_id or ""  # set for whoever holds hub.cra


async def contexte(
    db: AsyncSession, principal: Principal, formulaire: Formulaire, recherche: str | None
) -> dict[str, Any]:
    """The fields with the mediator's choices, the bénéficiaires ticked and those searched."""
    mediateur_id = mediateur(principal)
    lieux = [lieu.structure for lieu in await lieux_activite(db, mediateur_id)]
    lieu_choisi = formulaire.valeurs.get("structure_id")
    if lieu_choisi and all(lieu.id != lieu_choisi for lieu in lieux):
        lieux += [ancien] if (ancien := await db.get(Structure, lieu_choisi)) else []
    tags = await tags_visibles(db, await lecteur_du_mediateur(db, mediateur_id))
    individuel = formulaire.valeurs.get("beneficiaire.id")
    choisis = [individuel] if individuel else formulaire.valeurs.get("participants") or []
    champs = champs_de(
        champs_cra,
        DUREE=avec_choix(champs_cra.DUREE, choix_durees(await options_duree(db, mediateur_id))),
        STRUCTURE=avec_choix(champs_cra.STRUCTURE, (Option(lieu.id, f"{lieu.nom} ({lieu.commune})") for lieu in lieux)),
        TAGS=avec_choix(champs_cra.TAGS, choix_tags(tags)),
    )
    return {
        "champs": champs,
        "repartitions": champs_cra.REPARTITIONS_ANONYMES,
        "choisis": await suivis_choisis(db, mediateur_id, choisis),
        "recherche": await rechercher(db, mediateur_id, recherche),
    }


MEDIATION = Famille(
    permission="hub.cra",
    liste="/mes-activites",
    suppression=(
        "Elle ne comptera plus dans vos statistiques ni dans celles de vos équipes. "
        "Vos bénéficiaires suivis restent enregistrés."
    ),
    proprietaire=mediateur,
    lire=lire_cra,
    creer=creer_activite,
    modifier=modifier_activite,
    supprimer=supprimer_activite,
    saisie=saisie_activite,
    dupliquer=dupliquer_activite,
    contexte=contexte,
)
