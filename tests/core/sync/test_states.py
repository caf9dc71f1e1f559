"""Connector instances follow hub.toml and the outcome of their check, Home Assistant style."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
import msgspec

from connectors.errors import AuthError, ConfigError, TransientError
from hub.core.db.base import utcnow
from hub.core.hub import Hub
from hub.core.secrets import Secret
from hub.core.settings import ConnectorInstanceSettings
from hub.core.sync.instances import connector_classes, resolve
from hub.core.sync.instances import declaration as declared_instance
from hub.core.sync.states import (
    pause_instance,
    reconcile_instances,
    resume_instance,
    setup_due_instances,
    setup_instance,
)
from tests.core.sync.conftest import build_hub, declaration
from tests.core.sync.exemple_plugin.connector import ExempleConnector
from tests.core.sync.exemple_plugin.source import FakeSource
from tests.core.sync.helpers import instance


def redeclare(hub: Hub, *connectors: dict[str, object]) -> None:
    """As if the operator edited hub.toml and restarted."""
    connectors_settings = msgspec.convert(list(connectors), list[ConnectorInstanceSettings])
    hub.settings = msgspec.structs.replace(hub.settings, connectors=connectors_settings)


async def test_a_declared_instance_is_checked_then_loaded_with_its_secret_config(
    bare_hub: Hub, source: FakeSource
) -> None:
    assert await reconcile_instances(bare_hub) == {"demo": "setup_retry"}
    pending = await instance(bare_hub)
    assert "en attente" in (pending.state_message or "") and pending.title == "Source d'exemple (demo)"

    assert await setup_due_instances(bare_hub) == {"demo": "loaded"}
    loaded = await instance(bare_hub)
    assert "toutes les 60 minutes" in (loaded.state_message or "") and source.checks == 1
    config = resolve(bare_hub, declared_instance(bare_hub, "demo")).config  # type: ignore[arg-type]
    assert isinstance(config.token, Secret) and config.token.reveal() == "jeton-tres-secret"


async def test_an_unchanged_declaration_is_not_checked_again_at_restart(hub: Hub, source: FakeSource) -> None:
    assert await reconcile_instances(hub) == {"demo": "loaded"}
    assert await setup_due_instances(hub) == {} and source.checks == 1


async def test_declarations_that_cannot_work_say_what_to_do(tmp_path: Path, source: FakeSource) -> None:
    hub = await build_hub(
        tmp_path,
        declaration(source, id="inconnu", kind="exemple.autre"),
        declaration(source, id="sans-jeton", config={"source": source.key}),
        declaration(source, id="eteint", enabled=False),
        declaration(source, id="double"),
        declaration(source, id="double"),
    )
    try:
        states = await reconcile_instances(hub)
        messages = {key: (await instance(hub, key)).state_message or "" for key in states}
    finally:
        await hub.shutdown()

    assert states == {"inconnu": "setup_error", "sans-jeton": "setup_error", "eteint": "disabled", "double": "setup_error"}
    assert "« exemple.autre » inconnu (types disponibles : exemple.source)" in messages["inconnu"]
    assert "champ obligatoire manquant `token`" in messages["sans-jeton"]
    assert "enabled = true" in messages["eteint"]
    assert "plusieurs fois" in messages["double"]


async def test_an_instance_of_a_blocked_plugin_is_in_setup_error(tmp_path: Path, source: FakeSource) -> None:
    hub = await build_hub(tmp_path, declaration(source), plugins_disabled=["exemple"])
    try:
        assert await reconcile_instances(hub) == {"demo": "setup_error"}
        assert "« exemple »" in ((await instance(hub)).state_message or "")
        assert "bloqué" in ((await instance(hub)).state_message or "")
    finally:
        await hub.shutdown()


async def test_an_instance_removed_from_hub_toml_is_disabled(hub: Hub) -> None:
    redeclare(hub)
    assert await reconcile_instances(hub) == {"demo": "disabled"}
    assert "Absente de hub.toml" in ((await instance(hub)).state_message or "")


async def test_a_transient_check_failure_is_retried_with_backoff(bare_hub: Hub, source: FakeSource) -> None:
    await reconcile_instances(bare_hub)
    source.check_error = TransientError("service en maintenance", retry_after=900)
    now = utcnow()

    assert await setup_due_instances(bare_hub, now=now) == {"demo": "setup_retry"}
    demo = await instance(bare_hub)
    assert demo.setup_attempts == 1 and demo.next_setup_at is not None
    assert demo.next_setup_at >= now + timedelta(seconds=900)
    assert "service en maintenance" in (demo.state_message or "") and "essai n° 1" in (demo.state_message or "")

    assert await setup_due_instances(bare_hub, now=now + timedelta(seconds=60)) == {}
    source.check_error = None
    assert await setup_due_instances(bare_hub, now=now + timedelta(hours=2)) == {"demo": "loaded"}
    assert (await instance(bare_hub)).setup_attempts == 0


async def test_refused_credentials_need_reauth_until_the_operator_changes_them(
    bare_hub: Hub, source: FakeSource
) -> None:
    await reconcile_instances(bare_hub)
    source.check_error = AuthError("jeton refusé")
    assert await setup_due_instances(bare_hub) == {"demo": "needs_reauth"}
    assert "renouvelez" in ((await instance(bare_hub)).state_message or "")

    assert await reconcile_instances(bare_hub) == {"demo": "needs_reauth"}
    assert await setup_due_instances(bare_hub, now=utcnow() + timedelta(days=1)) == {}
    assert source.checks == 1

    source.check_error = None
    redeclare(bare_hub, declaration(source, config={"source": source.key, "token": "nouveau-jeton"}))
    assert await reconcile_instances(bare_hub) == {"demo": "setup_retry"}
    assert await setup_due_instances(bare_hub) == {"demo": "loaded"}


async def test_a_refused_configuration_or_a_crash_is_a_setup_error(bare_hub: Hub, source: FakeSource) -> None:
    await reconcile_instances(bare_hub)
    source.check_error = ConfigError("adresse introuvable (404)")
    assert await setup_instance(bare_hub, "demo") == "setup_error"
    assert "adresse introuvable (404)" in ((await instance(bare_hub)).state_message or "")

    source.check_error = ZeroDivisionError()
    assert await setup_instance(bare_hub, "demo") == "setup_error"
    assert "Erreur inattendue du connecteur (ZeroDivisionError)" in ((await instance(bare_hub)).state_message or "")


async def test_an_operator_pause_survives_restarts_until_resumed(hub: Hub, source: FakeSource) -> None:
    await pause_instance(hub, "demo")
    assert await reconcile_instances(hub) == {"demo": "paused"}
    assert await setup_instance(hub, "demo") == "paused" and source.checks == 1

    await resume_instance(hub, "demo")
    assert (await instance(hub)).state == "setup_retry"
    assert await setup_due_instances(hub) == {"demo": "loaded"}


async def test_hub_register_connectors_makes_its_kinds_declarable(bare_hub: Hub) -> None:
    assert connector_classes(bare_hub) == {"exemple.source": ("exemple", ExempleConnector)}
    assert await reconcile_instances(bare_hub) == {"demo": "setup_retry"}
    assert (await instance(bare_hub)).plugin == "exemple"


async def test_hub_startup_reconciles_the_declared_instances(bare_hub: Hub) -> None:
    await bare_hub.startup()

    assert (await instance(bare_hub)).state == "setup_retry"


async def test_the_connector_http_client_goes_through_the_hub_transport(bare_hub: Hub, source: FakeSource) -> None:
    requests: list[httpx.Request] = []

    def partner(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json={"ok": True})

    bare_hub.http_transport = httpx.MockTransport(partner)
    source.ping_url = "https://partenaire.example/ping"
    await reconcile_instances(bare_hub)

    assert await setup_due_instances(bare_hub) == {"demo": "loaded"}
    [request] = requests
    assert request.url == "https://partenaire.example/ping"
    assert request.headers["User-Agent"].startswith("hub-mediation-numerique")
