"""Redis down: the web app keeps serving pages and recording CRAs, a job asked for meanwhile (an
export) waits in the database instead of breaking the request, and runs once Redis is back.

« Down » is a TCP proxy in front of the real Redis (``HUB_TEST_REDIS_URL``) that the test closes:
connections are refused, as when Redis is stopped. The job then runs in a real ``hub worker``.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
import sqlalchemy as sa
from redis.asyncio import Redis

from hub.core.auth.models import WebSession
from hub.core.auth.tokens import token_digest
from hub.core.jobs.models import JobRun
from hub.core.jobs.redis_queue import ArqQueue
from hub.testing import create_test_api_client, make_hub, sign_in_client, web_client
from tests.core.activites.support import INDIVIDUEL, mediateur_en_poste
from tests.faults.support import TcpProxy, forget_redis_keys, worker_environment

REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="HUB_TEST_REDIS_URL non défini : test sur Redis réel ignoré"),
]

EXPORT = "hub:exporter_activites"


async def _runs(hub, name: str) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    async with hub.session() as session:
        rows = await session.scalars(sa.select(JobRun).where(JobRun.name == name).order_by(JobRun.id))
        return [(row.status, row.try_number) for row in rows]


async def test_without_redis_the_app_records_cras_and_keeps_jobs_until_redis_returns(tmp_path: Path) -> None:
    assert REDIS_URL is not None
    target = urlsplit(REDIS_URL)
    queue_name = f"hub:pannes:{uuid4().hex}"
    with TcpProxy(target.hostname or "127.0.0.1", target.port or 6379) as proxy:
        proxied = f"redis://127.0.0.1:{proxy.port}{target.path or '/0'}"
        hub = await make_hub(tmp_path, autoload=True, redis_url=proxied, queue_name=queue_name)
        hub.queue = ArqQueue(hub)  # the production queue, through the proxy
        job_ids: list[str] = []
        try:
            qui = await mediateur_en_poste(hub, "camille@exemple.fr")
            api = await create_test_api_client(hub, scopes=("activites:ecriture",))
            proxy.close()  # Redis is down

            async with web_client(hub) as client:
                token = await sign_in_client(client, hub, qui.user_id)
                async with hub.session() as db:
                    csrf = (await db.get_one(WebSession, token_digest(token))).csrf_token
                cree = await client.post("/api/v1/activites", json=INDIVIDUEL | {"mediateur_id": qui.id}, headers=api.headers)
                liste = await client.get("/mes-activites")
                accueil = await client.get("/")
                export = await client.post(
                    "/exports/activites", data={"format": "csv", "csrf_token": csrf}, follow_redirects=False
                )
                suivi = await client.get(export.headers.get("location", "/"))

            assert cree.status_code == 201
            assert liste.status_code == 200 and "12/03/2025" in liste.text  # the CRA is recorded and listed
            assert accueil.status_code == 200
            assert export.status_code == 303 and export.headers["location"].startswith("/exports/taches/")
            assert suivi.status_code == 200
            assert await _runs(hub, EXPORT) == [("deferred", 0)]  # kept in the database, not lost
            async with hub.session() as session:
                deferred = await session.scalar(sa.select(JobRun).where(JobRun.name == EXPORT))
            assert deferred is not None and deferred.error is not None and deferred.error.startswith("Redis injoignable")
            job_ids.append(deferred.job_id)
            assert await hub.queue.flush_deferred() == 0  # still down: it stays

            proxy.open()  # Redis is back: the next scheduler tick (or enqueue) sends what waited
            assert await hub.queue.flush_deferred() == 1
            assert await _runs(hub, EXPORT) == []
            client = Redis.from_url(REDIS_URL)
            try:
                assert await client.exists(f"arq:job:{deferred.job_id}") == 1
            finally:
                await client.aclose()

            environ = worker_environment(
                database_url=hub.settings.database_url.reveal(), redis_url=REDIS_URL, queue_name=queue_name, folder=tmp_path
            )
            worker = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "hub.cli", "worker", "--burst"],
                env=environ, cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=60,
            )
            assert worker.returncode == 0, worker.stdout + worker.stderr
            assert await _runs(hub, EXPORT) == [("success", 1)]  # the job ran once Redis returned
        finally:
            await hub.shutdown()
            await forget_redis_keys(REDIS_URL, f"{queue_name}*", *(f"arq:*{job_id}*" for job_id in job_ids))
