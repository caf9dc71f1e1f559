"""A mediator at work with recent CRAs on given thematiques: what the recommendation tests of
the ressources and formations plugins start from."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.service import creer_activite
from hub.core.hub import Hub
from tests.core.activites.support import INDIVIDUEL, EnPoste, cra, mediateur_en_poste


async def mediateur_qui_accompagne(
    hub: Hub, email: str, cras: list[list[str]], *, il_y_a_jours: int = 3, **fields: Any
) -> EnPoste:
    """A mediator employed in Reims (Marne) with one individual CRA per list of thematiques,
    dated ``il_y_a_jours`` days ago (within the 90-day profile window by default)."""
    qui = await mediateur_en_poste(hub, email, **fields)
    jour = (aujourd_hui() - timedelta(days=il_y_a_jours)).isoformat()
    async with hub.session() as session, session.begin():
        for thematiques in cras:
            await creer_activite(session, qui.id, cra(INDIVIDUEL, date=jour, thematiques=thematiques), par=None)
    return qui


# Mostly « santé » and « banque et achats en ligne », a little « e-mail ».
SANTE_ET_BANQUE = [["sante"]] * 4 + [["banque_et_achats_en_ligne"]] * 3 + [["sante", "banque_et_achats_en_ligne"]] + [["email"]]
