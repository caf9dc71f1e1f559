"""RDV → CRA: the prefill the plugin gives the core (hook ``hub_cra_prefill``) for ``rdv:<cle>``.

Only an RDV whose CRA is *to do* (:mod:`plugins.rdv.agenda`: the person's, honoured or past
without status, not declined, not recorded yet) is confirmed; anything else is ``None`` and the
core refuses the source. A collective RDV opens a workshop (its participants present, its name —
or else its motif — as title), another an individual accompaniment (its first usager present).
The usagers present (participation ``seen``, or ``unknown`` for an RDV left without status) are
matched to bénéficiaires, or created, by :mod:`plugins.rdv.rapprochement`. The date is the
RDV's day at Paris time; the duration its ``duration_in_min``, else its end minus its start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.core.activites.dates import jour_de
from hub.core.activites.inputs import CraPrefill
from hub.core.db.base import utcnow
from hub.core.identity import Principal
from hub.core.web.dates import date_heure_fr
from plugins.rdv import agenda
from plugins.rdv.models import Compte, Rdv
from plugins.rdv.rapprochement import UsagerRdv, beneficiaires_de, usager_de

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from hub.core.hub import Hub

PREFIXE = "rdv:"
PRESENTS = ("seen", "unknown")


def adresse_cra(rdv: Rdv) -> str:
    """The CRA form pre-filled from ``rdv`` (the « Faire le CRA » link)."""
    return f"/mes-activites/cra/{'collectif' if rdv.collectif else 'individuel'}?source={PREFIXE}{rdv.cle}"


def usagers_presents(rdv: Rdv) -> list[UsagerRdv]:
    """The usagers of the RDV's participations still present, once each, in RDV-SP's order."""
    presents: dict[int, UsagerRdv] = {}
    for participation in rdv.participations or []:
        if not isinstance(participation, dict) or participation.get("statut") not in PRESENTS:
            continue
        usager = usager_de(participation.get("usager"))
        if usager is not None:
            presents.setdefault(usager.id, usager)
    return list(presents.values())


def duree(rdv: Rdv) -> int | None:
    if rdv.duree_minutes:
        return rdv.duree_minutes
    return round((rdv.fin - rdv.debut).total_seconds() / 60) if rdv.fin and rdv.fin > rdv.debut else None


async def prefill(hub: Hub, principal: Principal, source: str) -> CraPrefill | None:
    """The prefill of ``source`` for ``principal`` (see the module); bénéficiaires matched or
    created in the same transaction."""
    if not source.startswith(PREFIXE) or not principal.mediateur_id:
        return None
    async with hub.session() as session, session.begin():
        compte = await agenda.compte_de(session, principal.id)
        if compte is None or compte.mediateur_id != principal.mediateur_id:
            return None
        rdv = await agenda.rdv_a_faire(session, compte, source.removeprefix(PREFIXE), utcnow())
        if rdv is None:
            return None
        return await _prefill(session, compte, principal, rdv)


async def _prefill(session: AsyncSession, compte: Compte, principal: Principal, rdv: Rdv) -> CraPrefill:
    presents = usagers_presents(rdv)
    if not rdv.collectif:
        presents = presents[:1]
    ids = await beneficiaires_de(session, compte, compte.mediateur_id, presents, par=principal.id)
    suivis = tuple(dict.fromkeys(i for i in ids if i))
    nom = rdv.titre or rdv.motif
    return CraPrefill(
        type="collectif" if rdv.collectif else "individuel",
        libelle=f"rendez-vous RDV Service Public du {date_heure_fr(rdv.debut)}" + (f" · {nom}" if nom else ""),
        rdv_id=rdv.cle,
        date=jour_de(rdv.debut),
        duree_minutes=duree(rdv),
        beneficiaire_id=None if rdv.collectif else next(iter(suivis), None),
        participants=suivis if rdv.collectif else (),
        titre_atelier=nom if rdv.collectif else None,
    )
