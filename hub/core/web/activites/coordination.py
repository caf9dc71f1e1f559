"""The coordinators' own CRAs (animation, événement, partenariat) as their forms record them.

The forms offer the proposed durations and the tags the coordinator sees; a partenariat's form
shows its partner structures' lines (:func:`~hub.core.web.activites.champs_coordination.nombre_de_lignes`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.coordination.inputs import lire_cra_coordination
from hub.core.activites.coordination.service import (
    creer_activite_coordination,
    modifier_activite_coordination,
    saisie_activite_coordination,
    supprimer_activite_coordination,
)
from hub.core.activites.durees import PERSONNALISER, PRESETS, libelle_duree
from hub.core.identity import Principal
from hub.core.tags.visibilite import lecteur_du_coordinateur, tags_visibles
from hub.core.web.activites import champs_coordination
from hub.core.web.activites.champs_communs import avec_choix, champs_de, choix_durees, choix_tags
from hub.core.web.activites.famille import Famille
from hub.core.web.organisation.formulaires import Formulaire

# Coordinators are offered the preset durations (frequent ones are a mediator's).
DUREES = choix_durees(
    [*((str(minutes), libelle_duree(minutes)) for minutes in PRESETS), (PERSONNALISER, "Personnaliser")]
)


def coordinateur(principal: Principal) -> str:
    return principal.coordinateur_id or ""  # set for whoever holds hub.coordination


async def contexte(
    db: AsyncSession, principal: Principal, formulaire: Formulaire, _recherche: str | None
) -> dict[str, Any]:
    """The fields with the coordinator's tags, and the partner structures' lines to show."""
    tags = await tags_visibles(db, await lecteur_du_coordinateur(db, coordinateur(principal)))
    champs = champs_de(
        champs_coordination,
        DUREE=avec_choix(champs_coordination.DUREE, DUREES),
        TAGS=avec_choix(champs_coordination.TAGS, choix_tags(tags)),
    )
    return {"champs": champs, "lignes_partenaires": champs_coordination.nombre_de_lignes(formulaire.valeurs)}


COORDINATION = Famille(
    permission="hub.coordination",
    liste="/mes-activites/coordination",
    suppression="Elle ne comptera plus dans vos activités de coordination.",
    proprietaire=coordinateur,
    lire=lire_cra_coordination,
    creer=creer_activite_coordination,
    modifier=modifier_activite_coordination,
    supprimer=supprimer_activite_coordination,
    saisie=saisie_activite_coordination,
    dupliquer=saisie_activite_coordination,
    contexte=contexte,
)
