"""What the streams validate (RDV-SP objects plus the reading account) and the rows they land as.

The connector adds to each raw record ``agent_compte`` (the RDV-SP agent of the linked account
that read it), ``cle`` (``"<agent>-<id>"``, the row's key, also naming a dead letter) and
``lu_depuis`` (the first day of the account's window, the streams' cursor).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from connectors.rdv_service_public import Organisation, Participation, Rdv

class OrganisationLue(Organisation, kw_only=True):
    agent_compte: int
    cle: str
    lu_depuis: date

class RdvLu(Rdv, kw_only=True):
    agent_compte: int
    cle: str
    lu_depuis: date

def cle(agent_id: int, partner_id: Any) -> str:
    return f"{agent_id}-{partner_id}"

def annoter(raw: Any, agent_id: int, depuis: date) -> Any:
    """``raw`` with the reading account's fields (left as is when it is not an object: the engine
    dead-letters it)."""
    if not isinstance(raw, dict):
        return raw
    return {**raw, "agent_compte": agent_id, "cle": cle(agent_id, raw.get("id")), "lu_depuis": depuis.isoformat()}

def organisation_en_ligne(record: OrganisationLue) -> dict[str, Any]:
    return {
        "cle": record.cle,
        "agent_id": record.agent_compte,
        "organisation_id": record.id,
        "nom": record.name,
        "email": record.email,
        "telephone": record.phone_number,
        "verticale": record.verticale,
    }

def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment is not None else None

def participation(item: Participation) -> dict[str, Any]:
    """A participation as stored in ``rdv_rdv.participations`` (JSON data only)."""
    user = item.user
    usager = None
    if user is not None:
        usager = {
            "id": user.id,
            "prenom": user.first_name,
            "nom": user.last_name,
            "email": user.email,
            "telephone": user.phone_number,
            "naissance": user.birth_date.isoformat() if user.birth_date else None,
        }
    return {"id": item.id, "statut": item.status, "usager": usager}

def rdv_en_ligne(record: RdvLu) -> dict[str, Any]:
    return {
        "cle": record.cle,
        "agent_id": record.agent_compte,
        "rdv_id": record.id,
        "statut": record.status,
        "debut": _utc(record.starts_at),
        "fin": _utc(record.ends_at),
        "duree_minutes": record.duration_in_min,
        "organisation_id": record.organisation.id if record.organisation else None,
        "motif": record.motif.name if record.motif else None,
        "lieu": record.lieu.name if record.lieu else None,
        "adresse": record.address,
        "collectif": record.collectif,
        "titre": record.name,
        "places": record.max_participants_count,
        "inscrits": record.users_count,
        "url_agents": record.url_for_agents,
        "participations": [participation(item) for item in record.participants],
    }
