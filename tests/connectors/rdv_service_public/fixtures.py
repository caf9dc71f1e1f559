"""Payloads shaped like RDV-SP's API v1 (field names from its blueprints), values invented here."""

from __future__ import annotations

from typing import Any

BASE_URL = "https://rdv.exemple.test"
API = f"{BASE_URL}/api/v1"


def organisation(organisation_id: int = 301, **overrides: Any) -> dict[str, Any]:
    return {
        "id": organisation_id,
        "name": "Espace numérique de Vierzon",
        "email": "espace.numerique@vierzon.example",
        "phone_number": "0248000000",
        "verticale": "rdv_aide_numerique",
        **overrides,
    }


def user(user_id: int = 77, **overrides: Any) -> dict[str, Any]:
    return {
        "id": user_id,
        "first_name": "Odile",
        "last_name": "FERRAND",
        "birth_name": None,
        "email": "odile.ferrand@example.org",
        "notification_email": None,
        "address": "8 place de la Gare, 18100 Vierzon",
        "address_details": None,
        "phone_number": "0700000077",
        "phone_number_formatted": "+33700000077",
        "birth_date": "1949-11-02",
        "responsible_id": None,
        "responsible": None,
        "caisse_affiliation": "aucune",
        "affiliation_number": None,
        "family_situation": None,
        "number_of_children": None,
        "notify_by_sms": False,
        "notify_by_email": True,
        "invitation_created_at": None,
        "invitation_accepted_at": None,
        "created_at": "2026-01-20 09:12:40 +0100",
        "user_profiles": None,
        **overrides,
    }


def rdv(rdv_id: int = 9001, **overrides: Any) -> dict[str, Any]:
    return {
        "id": rdv_id,
        "uuid": f"00000000-0000-4000-8000-{rdv_id:012d}",
        "status": "unknown",
        "starts_at": "2026-02-10 14:00:00 +0100",
        "ends_at": "2026-02-10 14:30:00 +0100",
        "duration_in_min": 30,
        "address": "Médiathèque Paul-Eluard, 18100 Vierzon",
        "context": None,
        "cancelled_at": None,
        "max_participants_count": None,
        "users_count": 1,
        "name": None,
        "collectif": False,
        "created_by": "agent",
        "created_by_type": "Agent",
        "created_by_id": 512,
        "created_at": "2026-02-01 08:45:00 +0100",
        "visio_url": None,
        "url_for_agents": f"{BASE_URL}/agents/rdvs/{rdv_id}",
        "organisation": organisation(),
        "motif": {
            "id": 61,
            "name": "Prise en main d'un smartphone",
            "location_type": "public_office",
            "deleted_at": None,
            "bookable_publicly": True,
            "bookable_by": "everyone",
            "service_id": 4,
            "organisation_id": 301,
            "collectif": False,
            "follow_up": False,
            "instruction_for_rdv": None,
            "motif_category": {"id": 8, "name": "Numérique", "short_name": "numerique"},
        },
        "lieu": {
            "id": 23,
            "name": "Médiathèque Paul-Eluard",
            "address": "1 rue de la Médiathèque, 18100 Vierzon",
            "phone_number": None,
            "organisation_id": 301,
            "single_use": False,
        },
        "agents": [{"id": 512, "email": "sam.mediateur@example.org", "first_name": "Sam", "last_name": "Leroy"}],
        "participations": [
            {
                "id": 4100 + rdv_id % 100,
                "status": "unknown",
                "send_lifecycle_notifications": True,
                "send_reminder_notification": False,
                "created_by": "agent",
                "created_by_type": "Agent",
                "created_by_id": 512,
                "created_by_agent_prescripteur": False,
                "user": user(),
            }
        ],
        "users": [{"id": 77, "first_name": "Odile", "last_name": "FERRAND", "email": "odile.ferrand@example.org"}],
        **overrides,
    }


def page(root: str, records: list[dict[str, Any]], *, current: int = 1, total_pages: int = 1,
         total_count: int | None = None) -> dict[str, Any]:
    """A list envelope as RDV-SP sends it (``next_page`` null on the last page)."""
    return {
        root: records,
        "meta": {
            "current_page": current,
            "next_page": current + 1 if current < total_pages else None,
            "prev_page": current - 1 if current > 1 else None,
            "total_pages": total_pages,
            "total_count": len(records) if total_count is None else total_count,
        },
    }


class CountingTokens:
    """A token provider that hands out ``jeton-1``, then ``jeton-2`` after each forced refresh,
    and records the calls."""

    def __init__(self) -> None:
        self.generation = 1
        self.calls: list[bool] = []

    async def __call__(self, *, force_refresh: bool = False) -> str:
        self.calls.append(force_refresh)
        if force_refresh:
            self.generation += 1
        return f"jeton-{self.generation}"
