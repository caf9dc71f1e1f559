"""Suite-wide set-up: no plugin autoload, and the real services checked before anything runs.

``HUB_TEST_DATABASE_URL`` runs the suite on that PostgreSQL; ``HUB_TEST_REDIS_URL`` enables the
Redis tests. When a variable is set, its service must answer: the run stops at once otherwise.
With ``HUB_REQUIRE_SERVICES=1`` (CI), a skipped service test fails the run instead.
"""

import asyncio
import os

import pytest

os.environ.setdefault("HUB_DISABLE_PLUGIN_AUTOLOAD", "1")

DATABASE_URL = os.environ.get("HUB_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL")


def pytest_report_header() -> list[str]:
    return [
        f"base de test : {'PostgreSQL ' + DATABASE_URL if DATABASE_URL else 'SQLite (fichier temporaire)'}",
        f"Redis : {REDIS_URL or 'non configuré (tests Redis ignorés)'}",
    ]


def pytest_sessionstart(session: pytest.Session) -> None:
    problems = asyncio.run(_unreachable_services())
    if problems:
        pytest.exit("Services de test injoignables : " + " ; ".join(problems), returncode=3)


async def _unreachable_services() -> list[str]:
    problems = []
    if DATABASE_URL:
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine(DATABASE_URL)
        try:
            async with engine.connect() as connection:
                await connection.execute(text("select 1"))
        except Exception as exc:
            problems.append(f"PostgreSQL ({DATABASE_URL}) : {exc}")
        finally:
            await engine.dispose()
    if REDIS_URL:
        from redis.asyncio import Redis

        client = Redis.from_url(REDIS_URL)
        try:
            await client.ping()
        except Exception as exc:
            problems.append(f"Redis ({REDIS_URL}) : {exc}")
        finally:
            await client.aclose()
    return problems


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    service_test = item.get_closest_marker("redis") or item.get_closest_marker("postgres")
    if os.environ.get("HUB_REQUIRE_SERVICES") == "1" and report.skipped and service_test:
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} ignoré alors que HUB_REQUIRE_SERVICES=1 : les services doivent tourner en CI"
