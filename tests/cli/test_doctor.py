"""``hub doctor``: each failure (database, Redis, no worker, plugin mismatch, connector) is reported
with its fix and a non-zero exit code; a healthy deployment exits 0. Also: the heartbeats it
reads, written by the in-process queue of ``hub serve`` and by ``hub worker``."""

import asyncio
import json
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from click.testing import CliRunner, Result

from hub.cli import main
from hub.core.db.base import utcnow
from hub.core.jobs.heartbeat import FileHeartbeats, Heartbeat, RedisHeartbeats, live_heartbeats, plugin_set
from hub.core.jobs.inprocess import InProcessQueue
from hub.testing import make_hub
from hub.worker import build_worker_settings

ROOT = Path(__file__).resolve().parents[2]
DEMO_FEED = ROOT / "plugins" / "formations" / "demo" / "catalogue-demo.json"
REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL")
CLOSED_PORT = "127.0.0.1:1"
skip_without_redis = pytest.mark.skipif(not REDIS_URL, reason="HUB_TEST_REDIS_URL non défini : test sur Redis réel ignoré")


@dataclass
class Deployment:
    """A migrated deployment running our plugins (as found through their entry points), with a
    formations instance reading the demo feed; ``plugins`` is what its web app runs."""

    env: dict[str, str | None]
    plugins: dict[str, str]
    heartbeats: Path

    def doctor(self, **extra_env: str) -> tuple[Result, dict]:
        """``hub doctor --json`` on this deployment, with ``extra_env`` on top."""
        result = CliRunner().invoke(main, ["doctor", "--json"], env=self.env | extra_env, catch_exceptions=False)
        return result, json.loads(result.stdout)

    def beat(self, plugins: dict[str, str] | None = None, *, seconds_ago: int = 0) -> None:
        seen = utcnow() - timedelta(seconds=seconds_ago)
        heartbeat = Heartbeat(
            worker="machine-2:4242:abcdef",
            mode="inprocess",
            queue="hub:queue",
            plugins=self.plugins if plugins is None else plugins,
            started_at=seen - timedelta(hours=1),
            seen_at=seen,
        )
        asyncio.run(FileHeartbeats(self.heartbeats).write(heartbeat))


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    config = tmp_path / "hub.toml"
    config.write_text(
        "[[connectors]]\n"
        'id = "catalogue"\n'
        'kind = "formations.catalogue"\n'
        f"config = {{ source = {json.dumps(str(DEMO_FEED))} }}\n",
        encoding="utf-8",
    )

    async def migrate() -> tuple[str, dict[str, str]]:
        hub = await make_hub(tmp_path, autoload=True)
        try:
            return hub.settings.database_url.reveal(), plugin_set(hub)
        finally:
            await hub.shutdown()

    url, plugins = asyncio.run(migrate())
    env = {
        "HUB_DISABLE_PLUGIN_AUTOLOAD": "0",
        "HUB_CONFIG": str(config),
        "HUB_DATABASE_URL": url,
        "HUB_DATA_DIR": str(tmp_path / "var"),
        "HUB_REDIS_URL": None,
    }
    return Deployment(env=env, plugins=plugins, heartbeats=tmp_path / "var" / "heartbeats")


def statuses(report: dict) -> dict[str, str]:
    return {check["name"]: check["status"] for check in report["checks"]}


def check(report: dict, name: str) -> dict:
    return next(c for c in report["checks"] if c["name"] == name)


def test_all_good_exits_zero(deployment: Deployment) -> None:
    deployment.beat()
    result, report = deployment.doctor()

    assert result.exit_code == 0, result.output
    assert report["ok"] is True
    assert statuses(report) == {
        "database": "ok",
        "migrations": "ok",
        "redis": "ignore",
        "worker": "ok",
        "plugins": "ok",
        "connecteur:catalogue": "ok",
    }
    assert "machine-2:4242:abcdef (hub serve)" in check(report, "worker")["message"]


def test_database_down_names_the_setting_to_fix(deployment: Deployment) -> None:
    result, report = deployment.doctor(HUB_DATABASE_URL=f"postgresql+asyncpg://hub:secret@{CLOSED_PORT}/hub")

    assert result.exit_code == 1 and report["ok"] is False
    database = check(report, "database")
    assert database["status"] == "echec" and "HUB_DATABASE_URL" in database["fix"]
    assert "secret" not in result.output  # the password is never shown
    assert check(report, "migrations")["status"] == "ignore"


def test_pending_migrations_are_listed_by_branch(deployment: Deployment, tmp_path: Path) -> None:
    deployment.beat()
    result, report = deployment.doctor(HUB_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'vide.sqlite3'}")

    migrations = check(report, "migrations")
    assert result.exit_code == 1
    assert migrations["status"] == "echec" and "`hub db upgrade`" in migrations["fix"]
    assert "cœur (core_0001" in migrations["message"] and "formations (formations_0001" in migrations["message"]


def test_redis_down_names_the_setting_to_fix(deployment: Deployment) -> None:
    result, report = deployment.doctor(HUB_REDIS_URL=f"redis://{CLOSED_PORT}/0")

    assert result.exit_code == 1
    redis = check(report, "redis")
    assert redis["status"] == "echec" and "HUB_REDIS_URL" in redis["fix"]
    assert check(report, "worker")["status"] == "ignore"


def test_no_worker_heartbeat_says_which_process_to_start(deployment: Deployment) -> None:
    deployment.beat(seconds_ago=600)  # a worker stopped ten minutes ago
    result, report = deployment.doctor()
    text = CliRunner().invoke(main, ["doctor"], env=deployment.env).output

    worker = check(report, "worker")
    assert result.exit_code == 1
    assert worker["status"] == "echec" and "dernier signe de vie le" in worker["message"]
    assert "lancez `hub serve`" in worker["fix"]
    assert "✗ Worker : aucun worker n'a donné signe de vie" in text and "→ à faire : lancez `hub serve`" in text
    assert "1 problème à corriger." in text


def test_plugin_mismatch_between_web_and_worker_is_a_failure(deployment: Deployment) -> None:
    worker_plugins = {name: version for name, version in deployment.plugins.items() if name != "rdv"}
    worker_plugins["formations"] = "0.0.9"
    deployment.beat(worker_plugins)

    result, report = deployment.doctor()

    plugins = check(report, "plugins")
    assert result.exit_code == 1 and plugins["status"] == "echec"
    assert "« rdv » absent du worker" in plugins["message"]
    assert f"« formations » en 0.0.9 sur le worker, {deployment.plugins['formations']} ici" in plugins["message"]
    assert "mêmes versions" in plugins["fix"]


def test_a_failing_connector_check_gives_the_fix(deployment: Deployment, tmp_path: Path) -> None:
    deployment.beat()
    config = Path(str(deployment.env["HUB_CONFIG"]))
    config.write_text(config.read_text(encoding="utf-8").replace(str(DEMO_FEED), str(tmp_path / "absent.json")))

    result, report = deployment.doctor()

    connector = check(report, "connecteur:catalogue")
    assert result.exit_code == 1 and connector["status"] == "echec"
    assert "fichier de formations illisible" in connector["message"]
    assert "corrigez « catalogue » dans [[connectors]]" in connector["fix"]


def test_a_plugin_that_does_not_load_is_the_one_failure_reported(deployment: Deployment) -> None:
    result, report = deployment.doctor(HUB_BRANDING="violet")

    assert result.exit_code == 1
    assert statuses(report) == {"demarrage": "echec"}
    assert "violet" in report["checks"][0]["message"]


@pytest.mark.redis
@skip_without_redis
def test_with_redis_the_workers_heartbeats_are_read_from_the_queue(deployment: Deployment) -> None:
    assert REDIS_URL is not None
    queue = f"hub:test:{uuid4().hex}"

    async def on_redis(action: str) -> None:
        store = RedisHeartbeats(REDIS_URL or "", queue)
        now = utcnow()
        try:
            if action == "beat":
                beat = Heartbeat(worker="w1", mode="arq", queue=queue, plugins=deployment.plugins, started_at=now, seen_at=now)
                await store.write(beat)
            else:
                await store.remove("w1")
        finally:
            await store.close()

    asyncio.run(on_redis("beat"))
    try:
        result, report = deployment.doctor(HUB_REDIS_URL=REDIS_URL or "", HUB_QUEUE_NAME=queue)
    finally:
        asyncio.run(on_redis("forget"))

    assert result.exit_code == 0, result.output
    assert [statuses(report)[name] for name in ("redis", "worker", "plugins")] == ["ok", "ok", "ok"]


async def test_the_in_process_queue_of_hub_serve_writes_a_heartbeat_while_it_runs(tmp_path: Path) -> None:
    hub = await make_hub(tmp_path)
    hub.queue = InProcessQueue(hub)
    store = FileHeartbeats(Path(hub.settings.data_dir) / "heartbeats")
    try:
        hub.queue.start_scheduler()
        await asyncio.sleep(0.1)
        [heartbeat] = await live_heartbeats(store)
        assert (heartbeat.mode, heartbeat.plugins) == ("inprocess", plugin_set(hub))
    finally:
        await hub.shutdown()
    assert await live_heartbeats(store) == []


@pytest.mark.redis
@skip_without_redis
async def test_hub_worker_writes_its_heartbeat_in_redis_until_it_stops(tmp_path: Path) -> None:
    queue = f"hub:test:{uuid4().hex}"
    hub = await make_hub(tmp_path, redis_url=REDIS_URL, queue_name=queue)
    settings = build_worker_settings(hub)
    store = RedisHeartbeats(REDIS_URL or "", queue)
    ctx: dict = {}
    try:
        await settings["on_startup"](ctx)
        await asyncio.sleep(0.1)
        [heartbeat] = await live_heartbeats(store)
        assert (heartbeat.mode, heartbeat.queue, heartbeat.plugins) == ("arq", queue, plugin_set(hub))
    finally:
        await settings["on_shutdown"](ctx)
    try:
        assert await live_heartbeats(store) == []
    finally:
        await store.close()
