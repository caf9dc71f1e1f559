"""A partner API that fails — slow, 500, 429, garbage, wrong shape, dropped connection — through
the real formations connector and a real HTTP server on loopback: the faulty instance gets the
right state, the operator the right message and action, and the other instance syncs as usual.

Runs on SQLite and, in CI's second pass, on PostgreSQL (nothing here needs Redis).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.hub import Hub
from hub.core.sync import http as sync_http
from hub.core.sync.engine import run_stream
from hub.core.sync.models import SyncState
from hub.core.sync.overview import get_overview, list_repairs
from hub.core.sync.states import reconcile_instances, setup_due_instances
from hub.testing import make_hub
from plugins.formations import plugin as formations
from plugins.formations.models import Formation
from tests.faults.support import Answer, Partner, feed

TIMEOUT_SECONDS = 2.0  # the connectors' HTTP timeout in the « slow partner » case (30 s in production)


@pytest.fixture
def partner() -> Iterator[Partner]:
    with Partner() as server:
        server.answers["/bon"] = Answer(feed(3, "bon"))
        server.answers["/panne"] = Answer(feed(2, "panne"))
        yield server


@pytest.fixture
async def hub(tmp_path: Path, partner: Partner) -> Any:
    connectors = [
        {"id": name, "kind": "formations.catalogue", "config": {"source": partner.url(f"/{name}")}}
        for name in ("bon", "panne")
    ]
    hub = await make_hub(tmp_path, plugins=[("formations", formations)], connectors=connectors)
    await reconcile_instances(hub)
    assert await setup_due_instances(hub) == {"bon": "loaded", "panne": "loaded"}
    yield hub
    await hub.shutdown()


FAULTS = {
    "lent": (Answer(feed(2, "panne"), delay=3 * TIMEOUT_SECONDS), "le flux de formations ne répond pas à temps"),
    "erreur_500": (Answer({"erreur": "panne"}, status=500), "est indisponible (500)"),
    "debit_429": (Answer({"erreur": "trop"}, status=429, headers={"Retry-After": "120"}), "limite le débit (429)"),
    "coupure": (Answer(close=True), "le flux de formations injoignable (RemoteProtocolError)"),
}


async def _sync_both(hub: Hub) -> dict[str, Any]:
    return {name: await run_stream(hub, name, "formations") for name in ("panne", "bon")}


async def _stored(hub: Hub) -> dict[str, list[str]]:
    async with hub.session() as session:
        rows = (await session.execute(sa.select(Formation.instance_id, Formation.source_id).order_by(Formation.source_id))).all()
    stored: dict[str, list[str]] = {}
    for instance_id, source_id in rows:
        stored.setdefault(instance_id, []).append(source_id)
    return stored


async def _assert_bon_unaffected(hub: Hub, reports: dict[str, Any]) -> None:
    assert (reports["bon"].status, reports["bon"].inserted) == ("success", 3)
    bon = await get_overview(hub, "bon")
    assert (bon.state, bon.last_error) == ("loaded", None)
    assert (await _stored(hub))["bon"] == ["bon-0001", "bon-0002", "bon-0003"]


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_a_transient_partner_failure_backs_the_stream_off_and_leaves_the_other_instance_alone(
    hub: Hub, partner: Partner, fault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer, message = FAULTS[fault]
    if fault == "lent":  # shorter than production's 30 s, long enough for a busy machine's local answers
        monkeypatch.setattr(sync_http, "TIMEOUT", httpx.Timeout(TIMEOUT_SECONDS))
    partner.answers["/panne"] = answer
    before = utcnow()

    reports = await _sync_both(hub)

    panne = reports["panne"]
    assert (panne.status, panne.error_type, panne.inserted) == ("failed", "transient", 0)
    assert message in (panne.error_message or "")
    overview = await get_overview(hub, "panne")
    assert overview.state == "loaded"  # a transient failure needs nobody: the stream retries by itself
    assert overview.last_error == f"Échec de la synchronisation du flux « formations » : {panne.error_message}"
    async with hub.session() as session:
        state = await session.get_one(SyncState, ("panne", "formations"))
    assert state.failures == 1 and state.lease_owner is None
    assert state.next_run_at is not None and state.next_run_at > before
    if fault == "debit_429":  # the partner's Retry-After is a floor for the backoff
        assert state.next_run_at >= before + timedelta(seconds=120)
    assert await list_repairs(hub) == []
    assert "panne" not in await _stored(hub)
    await _assert_bon_unaffected(hub, reports)

    partner.answers["/panne"] = Answer(feed(2, "panne"))  # the partner is back: the next run repairs
    repaired = await run_stream(hub, "panne", "formations")
    assert (repaired.status, repaired.inserted) == ("success", 2)
    async with hub.session() as session:
        state = await session.get_one(SyncState, ("panne", "formations"))
    assert state.failures == 0 and (await get_overview(hub, "panne")).last_error is None


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Maintenance en cours</body></html>", b'{"formations": "aucune"}', b"[1, 2, 3]"],
    ids=["pas_du_json", "mauvaise_forme", "liste"],
)
async def test_a_garbage_feed_puts_the_instance_in_setup_error_with_its_repair(
    hub: Hub, partner: Partner, body: bytes
) -> None:
    partner.answers["/panne"] = Answer(body)

    reports = await _sync_both(hub)

    assert (reports["panne"].status, reports["panne"].error_type) == ("failed", "config")
    overview = await get_overview(hub, "panne")
    assert overview.state == "setup_error"
    assert overview.state_message is not None
    assert overview.state_message.startswith("Configuration refusée par le service (le flux de formations n'est pas au format attendu")
    assert overview.last_error == overview.state_message
    assert overview.action == "Corriger sa déclaration dans hub.toml selon le message, puis redémarrer le hub."
    assert [(r.instance_id, r.reason) for r in await list_repairs(hub)] == [("panne", "setup_error")]
    skipped = await run_stream(hub, "panne", "formations")  # nothing runs until the operator acts
    assert skipped.status == "skipped" and partner.hits["/panne"] == 2  # the check, then the failed run
    await _assert_bon_unaffected(hub, reports)


async def test_records_of_the_wrong_shape_are_dead_lettered_and_the_rest_lands(hub: Hub, partner: Partner) -> None:
    bad = feed(3, "panne")
    bad["formations"][1] = {"id": "panne-0002", "titre": "Sans date"}
    partner.answers["/panne"] = Answer(bad)

    reports = await _sync_both(hub)

    panne = reports["panne"]
    assert (panne.status, panne.read, panne.inserted, panne.failed) == ("partial", 3, 2, 1)
    assert (await get_overview(hub, "panne")).state == "loaded"
    assert (await _stored(hub))["panne"] == ["panne-0001", "panne-0003"]
    await _assert_bon_unaffected(hub, reports)
