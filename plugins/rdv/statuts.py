"""Setting an RDV's status from « Mes rendez-vous », in RDV Service Public then in the mirror.

Done at once (not in a job): the mediator waits a second and sees the outcome. The statuses
offered (:func:`statuts_possibles`) follow RDV-SP: honoured or missed only once the RDV started,
cancelled (by the bénéficiaire or the service) at any time, and a collective RDV only honoured or
cancelled. RDV-SP answers with the status it now holds: the mirror's RDV takes it (its
participations are brought up to date by the next webhook or sync). Failures are French and say
what to do:

- a status not offered → :class:`~hub.core.errors.ValidationError` on ``statut`` (400);
- an account to reconnect, or a token refused even refreshed (401) → :class:`Refus` 403, the
  account marked ``needs_reauth``;
- RDV-SP refusing the change (403, 404, 422) → :class:`Refus` 409, with what it said;
- RDV-SP unreachable, rate-limited or misconfigured → :class:`Refus` 503.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from connectors.errors import AuthError, ConfigError, RecordError, TransientError
from hub.core.chiffrement import Illisible
from hub.core.db.base import utcnow
from hub.core.errors import ValidationError
from hub.core.sync.http import connector_http_client
from plugins.rdv import agenda, comptes
from plugins.rdv.models import CONNECTE, Rdv

if TYPE_CHECKING:
    from hub.core.hub import Hub
    from hub.core.identity import Principal

CHOIX = {
    "seen": "Honoré",
    "noshow": "Absence",
    "excused": "Annulé par le bénéficiaire",
    "revoked": "Annulé",
}
"""The statuses a mediator may set, with La Coop's labels."""


class Refus(Exception):
    """RDV-SP did not take the status; ``message`` is French and says what to do next."""

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def statuts_possibles(rdv: Rdv, maintenant: datetime) -> dict[str, str]:
    """The statuses ``rdv`` may take now, other than its own, with their labels."""
    commence = rdv.debut < maintenant
    permis = ("seen", "noshow", "excused", "revoked") if commence else ("excused", "revoked")
    if rdv.collectif:
        permis = tuple(statut for statut in permis if statut in ("seen", "revoked"))
    return {statut: CHOIX[statut] for statut in permis if statut != rdv.statut}


async def changer_statut(hub: Hub, principal: Principal, cle: str, statut: str) -> str:
    """Set the status of the person's RDV ``cle`` in RDV-SP, then in the mirror; returns the
    status RDV-SP holds. :class:`~hub.core.errors.NotFound` for an RDV that is not theirs."""
    async with hub.session() as session:
        compte = await agenda.compte_de(session, principal.id)
        rdv = await agenda.rdv_du_compte(session, compte, cle)
    assert compte is not None  # rdv_du_compte found the RDV in it
    possibles = statuts_possibles(rdv, utcnow())
    if statut not in possibles:
        offerts = ", ".join(f"« {libelle} »" for libelle in possibles.values()) or "aucun"
        raise ValidationError({"statut": f"Choisissez un statut proposé pour ce rendez-vous ({offerts})."})
    if compte.statut != CONNECTE:
        raise Refus(compte.message or comptes.RECONNECTER, 403)
    try:
        async with connector_http_client(hub) as http:
            nouveau = await comptes.client(hub, compte, http).update_rdv_status(rdv.rdv_id, statut)  # type: ignore[arg-type]
    except (AuthError, Illisible) as exc:
        await comptes.marquer_a_reconnecter(hub, compte.id, str(exc))
        raise Refus(comptes.RECONNECTER, 403) from None
    except RecordError as exc:
        raise Refus(
            f"RDV Service Public n'a pas accepté ce statut ({exc}). Vérifiez le rendez-vous dans RDV Service "
            "Public (il a pu changer entre-temps), puis réessayez.",
            409,
        ) from None
    except (TransientError, ConfigError) as exc:
        raise Refus(f"Le statut n'a pas pu être envoyé ({exc}) : réessayez dans quelques minutes.", 503) from None
    async with hub.session() as session, session.begin():
        await session.execute(sa.update(Rdv).where(Rdv.id == rdv.id).values(statut=nouveau, empreinte=None))
    return nouveau
