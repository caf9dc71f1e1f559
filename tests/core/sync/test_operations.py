"""The operator's services: what each state calls for, pause and resume, sync now, replaying a
dead letter (success, failure, masked payloads), the repairs list, and the audit of each action."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa

from connectors.errors import AuthError, ConfigError, TransientError
from hub.core.audit.models import Mutation
from hub.core.db.base import utcnow
from hub.core.errors import Conflict, NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.secrets import REDACTED
from hub.core.sync import operations
from hub.core.sync.engine import run_stream
from hub.core.sync.models import DeadLetter
from hub.core.sync.overview import (
    DEAD_LETTER_THRESHOLD,
    QUE_FAIRE,
    get_overview,
    instance_detail,
    list_repairs,
    masked_dead_letters,
)
from hub.core.sync.queries import list_runs
from hub.core.sync.scheduling import enqueue_due_syncs
from hub.core.sync.states import reconcile_instances, setup_due_instances
from hub.testing import FakeQueue
from tests.core.sync.conftest import build_hub, declaration
from tests.core.sync.exemple_plugin.connector import ITEMS, ExempleConnector, item_row
from tests.core.sync.exemple_plugin.source import FakeSource, item
from tests.core.sync.helpers import instance, items

ROOT = Path(__file__).resolve().parents[3]


async def audit(hub: Hub) -> list[tuple[str, dict[str, Any]]]:
    async with hub.session() as session:
        rows = await session.scalars(sa.select(Mutation).order_by(Mutation.creation, Mutation.id))
        return [(row.nom, row.donnees) for row in rows]


async def letters(hub: Hub) -> list[DeadLetter]:
    async with hub.session() as session:
        return list(await session.scalars(sa.select(DeadLetter).order_by(DeadLetter.id)))


def accept_refused_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the plugin were fixed: the ``items`` stream now accepts the name « refusé »."""

    def lenient(record: Any) -> dict[str, Any]:
        return item_row(msgspec.structs.replace(record, nom="accepté")) | {"nom": record.nom}

    fixed = msgspec.structs.replace(ITEMS, to_row=lenient)
    monkeypatch.setattr(ExempleConnector, "streams", (fixed, *ExempleConnector.streams[1:]))


# -- what each state calls for ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check_error", "state"),
    [
        (None, "loaded"),
        (TransientError("service indisponible"), "setup_retry"),
        (AuthError("jeton refusé"), "needs_reauth"),
        (ConfigError("adresse inconnue (404)"), "setup_error"),
    ],
)
async def test_each_checked_state_says_what_to_do_and_its_last_error(
    bare_hub: Hub, source: FakeSource, check_error: Exception | None, state: str
) -> None:
    source.check_error = check_error
    await reconcile_instances(bare_hub)
    await setup_due_instances(bare_hub)

    overview = await get_overview(bare_hub, "demo")

    assert overview.state == state and overview.action == QUE_FAIRE[state]
    if check_error is None:
        assert overview.last_error is None and overview.next_run_at is not None  # never run: due now
    else:
        assert str(check_error) in (overview.last_error or "")
    if state in ("needs_reauth", "setup_error"):
        assert overview.next_run_at is None
        assert [(repair.instance_id, repair.reason) for repair in await list_repairs(bare_hub)] == [("demo", state)]
    else:
        assert await list_repairs(bare_hub) == []


async def test_disabled_and_paused_instances_say_what_to_do(tmp_path: Path, source: FakeSource) -> None:
    hub = await build_hub(tmp_path, declaration(source, enabled=False), declaration(source, id="autre"))
    try:
        await reconcile_instances(hub)
        await operations.pause(hub, "autre", par=None)
        disabled, paused = await get_overview(hub, "demo"), await get_overview(hub, "autre")
    finally:
        await hub.shutdown()

    assert (disabled.state, disabled.action, disabled.next_run_at) == ("disabled", QUE_FAIRE["disabled"], None)
    assert (paused.state, paused.action, paused.next_run_at) == ("paused", QUE_FAIRE["paused"], None)
    assert paused.state_label == "En pause"


def test_the_operators_guide_gives_the_same_action_for_each_state() -> None:
    guide = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    for state, action in QUE_FAIRE.items():
        row = re.search(rf"^\| `{state}` \|.*\| (.+) \|$", guide, re.MULTILINE)
        assert row is not None, state
        assert row.group(1) == action, state


async def test_a_failed_run_is_the_last_error_of_a_loaded_instance(hub: Hub, source: FakeSource) -> None:
    source.fail_after, source.failure = 0, TransientError("le partenaire a répondu 503")
    await run_stream(hub, "demo", "items")

    overview = await get_overview(hub, "demo")

    assert overview.state == "loaded"
    assert overview.last_error == "Échec de la synchronisation du flux « items » : le partenaire a répondu 503"


# -- pause, resume, sync now ------------------------------------------------------------------


async def test_pause_stops_scheduling_and_resume_restarts_it(hub: Hub, source: FakeSource, tmp_path: Path) -> None:
    await operations.pause(hub, "demo", par=None)
    assert await enqueue_due_syncs(hub) == []
    assert (await instance(hub)).paused

    await operations.resume(hub, "demo", par=None)
    assert (await instance(hub)).state == "setup_retry"
    enqueued = await enqueue_due_syncs(hub)

    assert (await instance(hub)).state == "loaded" and source.checks == 2
    assert sorted(job.split(":")[2] for job in enqueued) == ["items", "items_desordre", "lieux"]
    assert [name for name, _ in await audit(hub)] == ["mettre_en_pause_connecteur", "reprendre_connecteur"]


async def test_pause_and_resume_refuse_what_the_state_forbids(hub: Hub) -> None:
    with pytest.raises(Conflict, match="n'est pas en pause"):
        await operations.resume(hub, "demo", par=None)
    await operations.pause(hub, "demo", par=None)
    with pytest.raises(Conflict, match="déjà en pause"):
        await operations.pause(hub, "demo", par=None)
    with pytest.raises(Conflict, match="reprenez-la avant"):
        await operations.request_sync(hub, "demo", par=None)
    with pytest.raises(NotFound, match=r"instance « inconnue » inconnue \(instances : demo\)"):
        await operations.pause(hub, "inconnue", par=None)
    assert [name for name, _ in await audit(hub)] == ["mettre_en_pause_connecteur"]


async def test_sync_now_enqueues_one_manual_job_per_stream(hub: Hub, source: FakeSource) -> None:
    request = await operations.request_sync(hub, "demo", par=None)
    assert isinstance(hub.queue, FakeQueue)
    queued = [(job.name, job.kwargs) for job in hub.queue.jobs]

    assert not request.check_requested and len(request.jobs) == 3
    assert queued[0] == ("hub:sync", {"instance_id": "demo", "stream": "items", "trigger": "manual"})
    await hub.queue.drain()
    runs = await list_runs(hub, instance_id="demo")
    assert sorted((run.stream, run.trigger, run.status) for run in runs) == [
        ("items", "manual", "success"), ("items_desordre", "manual", "success"), ("lieux", "manual", "success"),
    ]
    assert (await audit(hub))[0] == (
        "synchroniser_connecteur",
        {"instance_id": "demo", "flux": ["items", "items_desordre", "lieux"], "taches": request.jobs, "verification": False},
    )


async def test_sync_now_of_an_instance_needing_reauth_asks_for_a_new_check(bare_hub: Hub, source: FakeSource) -> None:
    source.check_error = AuthError("jeton refusé")
    await reconcile_instances(bare_hub)
    await setup_due_instances(bare_hub)
    source.check_error = None  # the operator renewed the credentials

    request = await operations.request_sync(bare_hub, "demo", par=None)
    enqueued = await enqueue_due_syncs(bare_hub)

    assert request.check_requested and request.jobs == []
    assert (await instance(bare_hub)).state == "loaded" and len(enqueued) == 3


async def test_sync_now_refuses_a_setup_error_with_what_to_do(bare_hub: Hub, source: FakeSource) -> None:
    source.check_error = ConfigError("adresse inconnue (404)")
    await reconcile_instances(bare_hub)
    await setup_due_instances(bare_hub)

    with pytest.raises(Conflict, match="Que faire : Corriger sa déclaration"):
        await operations.request_sync(bare_hub, "demo", par=None)


async def test_prepare_sync_checks_a_pending_instance_and_names_its_streams(bare_hub: Hub, source: FakeSource) -> None:
    await reconcile_instances(bare_hub)

    assert await operations.prepare_sync(bare_hub, "demo", ["lieux"], par=None) == ["lieux"]
    assert (await instance(bare_hub)).state == "loaded"
    with pytest.raises(ValidationError) as refused:
        await operations.prepare_sync(bare_hub, "demo", ["rivieres"], par=None)
    assert refused.value.errors == {"stream": "flux inconnu(s) pour « demo » : rivieres (flux : items, items_desordre, lieux)"}


# -- dead letters: masked, replayed -----------------------------------------------------------


async def test_dead_letters_are_shown_with_their_secrets_masked(hub: Hub, source: FakeSource) -> None:
    source.extra = [item(98, nom="refusé", token="jeton-du-partenaire", profil={"password": "hunter2"})]
    await run_stream(hub, "demo", "items")
    async with hub.session() as session, session.begin():  # a row written before masking existed
        await session.execute(sa.update(DeadLetter).values(payload=item(97, api_key="en-clair")))

    detail = await instance_detail(hub, "demo")
    (letter,) = detail.dead_letters

    assert letter.payload["api_key"] == REDACTED and letter.payload["id"] == 97
    assert (await masked_dead_letters(hub))[0].payload == letter.payload
    assert [run.status for run in detail.runs] == ["partial"] and detail.instance.rejected_records == 1


async def test_a_masked_payload_is_not_replayed(hub: Hub, source: FakeSource, monkeypatch: pytest.MonkeyPatch) -> None:
    source.extra = [item(98, nom="refusé", token="jeton-du-partenaire")]
    await run_stream(hub, "demo", "items")
    (letter,) = await letters(hub)
    accept_refused_names(monkeypatch)

    with pytest.raises(Conflict, match="valeurs masquées"):
        await operations.replay(hub, letter.id, par=None)
    assert 98 not in await items(hub)


async def test_a_replayed_record_lands_and_its_dead_letters_are_settled(
    hub: Hub, source: FakeSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    source.extra = [item(98, nom="refusé")]
    await run_stream(hub, "demo", "items")
    await run_stream(hub, "demo", "items")  # the same record rejected again
    first, second = await letters(hub)
    accept_refused_names(monkeypatch)

    outcome = await operations.replay(hub, second.id, par=None)

    assert outcome.replayed and outcome.error is None
    report = outcome.report
    assert (report.trigger, report.status, report.read, report.inserted, report.failed) == ("replay", "success", 1, 1, 0)
    assert (await items(hub))[98] == "refusé"
    assert all(letter.replayed_at is not None for letter in await letters(hub))
    assert (await get_overview(hub, "demo")).rejected_records == 0
    assert (await list_runs(hub, instance_id="demo", limit=1))[0].run_id == report.run_id
    assert (await audit(hub))[-1] == (
        "rejouer_enregistrement_ecarte",
        {
            "instance_id": "demo", "flux": "items", "enregistrement_ecarte_id": second.id, "cle": "98",
            "synchronisation_id": report.run_id, "resultat": "rejoue", "erreur": None,
        },
    )
    with pytest.raises(Conflict, match="déjà été rejoué"):
        await operations.replay(hub, first.id, par=None)


async def test_a_record_still_invalid_keeps_its_dead_letter_with_the_new_error(hub: Hub, source: FakeSource) -> None:
    source.extra = [item(98, nom="refusé")]
    await run_stream(hub, "demo", "items")
    (letter,) = await letters(hub)
    async with hub.session() as session, session.begin():
        await session.execute(sa.update(DeadLetter).values(error="ancienne raison"))

    outcome = await operations.replay(hub, letter.id, par=None)

    assert not outcome.replayed and outcome.error == "enregistrement refusé : nom refusé par le partenaire"
    assert (outcome.report.status, outcome.report.failed, outcome.report.inserted) == ("partial", 1, 0)
    (kept,) = await letters(hub)
    assert kept.replayed_at is None and kept.error == outcome.error
    assert 98 not in await items(hub)
    assert (await audit(hub))[-1][1]["resultat"] == "toujours_ecarte"


async def test_replay_refuses_an_unknown_letter_and_a_stream_being_synced(hub: Hub, source: FakeSource) -> None:
    source.extra = [item(98, nom="refusé")]
    await run_stream(hub, "demo", "items")
    (letter,) = await letters(hub)
    from tests.core.sync.helpers import update_state

    await update_state(hub, "items", lease_owner="ailleurs", lease_until=utcnow() + timedelta(minutes=5))

    with pytest.raises(Conflict, match="synchronisation du flux « items » est en cours"):
        await operations.replay(hub, letter.id, par=None)
    with pytest.raises(NotFound, match="n° 4242 introuvable"):
        await operations.replay(hub, 4242, par=None)


async def test_too_many_rejected_records_put_the_instance_on_the_repairs_list(hub: Hub, source: FakeSource) -> None:
    source.extra = [item(100 + n, nom="refusé") for n in range(DEAD_LETTER_THRESHOLD - 1)]
    await run_stream(hub, "demo", "items")
    await run_stream(hub, "demo", "items")  # the same records again: counted once
    assert await list_repairs(hub) == []

    source.extra.append(item(200, nom="refusé"))
    await run_stream(hub, "demo", "items")

    (repair,) = await list_repairs(hub)
    assert (repair.instance_id, repair.reason) == ("demo", "dead_letters")
    assert repair.problem == f"{DEAD_LETTER_THRESHOLD} enregistrements écartés en attente (seuil : {DEAD_LETTER_THRESHOLD})."
