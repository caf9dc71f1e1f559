"""The audit log: sanitised rows, written only with the change, listed for the administration."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.core.audit.journal import journalise, record_mutation, sanitise
from hub.core.audit.models import Mutation
from hub.core.audit.queries import lister_mutations, noms_mutations
from hub.core.db.base import utcnow
from hub.core.hub import Hub
from tests.core.organisation.support import count, utilisateur


def test_secret_looking_keys_are_dropped_at_any_depth() -> None:
    donnees = {
        "email": "camille@exemple.fr",
        "password": "x",
        "config": {"client_secret": "y", "ok": [{"api_key": "z", "n": 1}]},
    }
    assert sanitise(donnees) == {"email": "camille@exemple.fr", "config": {"ok": [{"n": 1}]}}


async def test_a_block_that_raises_records_nothing(hub: Hub) -> None:
    async with hub.session() as session, session.begin():
        with pytest.raises(RuntimeError):
            async with journalise(session, user_id=None, nom="creer_structure") as donnees:
                donnees["structure_id"] = "s"
                raise RuntimeError("refus")
        async with journalise(session, user_id=None, nom="creer_structure") as donnees:
            donnees["structure_id"] = "s"
    assert await count(hub, Mutation) == 1


async def test_mutations_are_listed_newest_first_with_filters_and_pages(hub: Hub) -> None:
    admin = await utilisateur(hub, "admin@exemple.fr", "admin", prenom="Alex", nom="Martin")
    now = utcnow()
    async with hub.session() as session, session.begin():
        for days, nom, user_id in [
            (3, "changer_roles", admin.id),
            (2, "creer_structure", None),
            (1, "changer_roles", admin.id),
        ]:
            mutation = await record_mutation(session, user_id=user_id, nom=nom, donnees={"jour": days}, duree_ms=12)
            mutation.creation = now - timedelta(days=days)

    async with hub.session() as session:
        before = now - timedelta(hours=1)  # the three rows dated here, not the user's creation
        everything = await lister_mutations(session, depuis=now - timedelta(days=10), jusqu_a=before)
        by_admin = await lister_mutations(session, user_id=admin.id, nom="changer_roles")
        window = await lister_mutations(
            session, depuis=now - timedelta(days=2, hours=1), jusqu_a=now - timedelta(hours=12)
        )
        second_page = await lister_mutations(session, jusqu_a=before, page=2, par_page=2)
        noms = await noms_mutations(session)

    assert [m.donnees["jour"] for m in everything.mutations] == [1, 2, 3] and everything.total == 3
    assert [(m.utilisateur, m.email, m.duree_ms) for m in by_admin.mutations] == [
        ("Alex Martin", "admin@exemple.fr", 12)
    ] * 2
    assert [m.nom for m in window.mutations] == ["changer_roles", "creer_structure"]
    assert ([m.donnees["jour"] for m in second_page.mutations], second_page.total, second_page.pages) == ([3], 3, 2)
    assert noms == ["changer_roles", "creer_structure", "creer_utilisateur"]
