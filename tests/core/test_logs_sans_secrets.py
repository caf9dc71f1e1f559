"""No secret and no bénéficiaire identity in the logs.

The hub is served by uvicorn on loopback as ``hub serve`` does (access log on, logging set up by
:func:`configure_logging`), and everything it logs is captured while: an API client fails to
authenticate with a secret, a mediator creates a named bénéficiaire, searches for them and
records a CRA for them, and a connector's request whose URL carries a token fails.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import sqlalchemy as sa
import uvicorn

from hub.app import create_app
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from hub.core.identity.models import User
from hub.core.logging import configure_logging, redact_text
from hub.core.sync import engine
from hub.testing import create_test_api_client, make_hub, sign_in_client
from tests.core.activites.support import mediateur_en_poste

PRENOM, NOM, EMAIL = "Apolline", "Vasseur-Kerbrat", "apolline.vasseur@exemple.fr"
PARTNER_TOKEN = "tok_8fG2kLq9ZrX4vB7nM1pW3sT6yH0jD5cE"


@pytest.fixture(params=[("prod", logging.INFO), ("dev", logging.DEBUG)], ids=["prod", "dev --verbose"])
def captured(request: pytest.FixtureRequest) -> Iterator[io.StringIO]:
    """Everything logged during the test, as in ``prod`` (JSON, INFO) or ``dev --verbose``
    (lines, DEBUG)."""
    root, aiosqlite = logging.getLogger(), logging.getLogger("aiosqlite")
    handlers, level, driver_level = root.handlers[:], root.level, aiosqlite.level
    stream = io.StringIO()
    configure_logging(request.param[0], request.param[1], stream=stream)
    try:
        yield stream
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        aiosqlite.setLevel(driver_level)


@asynccontextmanager
async def served(hub: Hub) -> AsyncIterator[httpx.AsyncClient]:
    """The hub's app under uvicorn on a free loopback port, logging like ``hub serve``."""
    config = uvicorn.Config(create_app(hub), host="127.0.0.1", port=0, log_level="info", log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    else:
        raise RuntimeError("uvicorn n'a pas démarré")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def csrf_of(page: httpx.Response) -> str:
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def assert_absent(log: str, *secrets: str) -> None:
    assert log.strip(), "rien n'a été journalisé : la capture ne fonctionne pas"
    for secret in secrets:
        assert secret.lower() not in log.lower(), f"« {secret} » apparaît dans le journal :\n{log}"


async def test_a_failed_api_authentication_logs_no_secret(tmp_path: Path, captured: io.StringIO) -> None:
    hub = await make_hub(tmp_path)
    api = await create_test_api_client(hub, scopes=("statistiques",))
    client_id, secret = api.token.split(":", 1)
    wrong = f"{secret[::-1]}"
    async with served(hub) as client:
        refused = await client.get("/api/v1/statistiques", headers={"Authorization": f"Bearer {client_id}:{wrong}"})
        accepted = await client.get(f"/api/v1/statistiques?client_secret={secret}", headers=api.headers)
    await hub.shutdown()

    assert refused.status_code == 401 and accepted.status_code == 200
    log = captured.getvalue()
    assert "/api/v1/statistiques" in log  # the access log is captured
    assert_absent(log, secret, wrong)


async def test_a_cra_for_a_named_beneficiaire_logs_no_identity(tmp_path: Path, captured: io.StringIO) -> None:
    hub = await make_hub(tmp_path)
    qui = await mediateur_en_poste(hub, "mediatrice@exemple.fr")
    async with served(hub) as client:
        async with hub.session() as db:
            user = await db.get(User, qui.user_id)
        await sign_in_client(client, hub, user.id)  # type: ignore[arg-type]
        csrf = csrf_of(await client.get("/accessibilite"))
        created = await client.post(
            "/mes-beneficiaires/creer",
            data={"csrf_token": csrf, "prenom": PRENOM, "nom": NOM, "email": EMAIL, "telephone": "06 12 34 56 78"},
        )
        found = await client.get("/mes-beneficiaires", params={"q": NOM})
        async with hub.session() as db:
            beneficiaire_id = await db.scalar(sa.select(Beneficiaire.id).where(Beneficiaire.nom == NOM))
        search = await client.get("/mes-activites/cra/individuel", params={"recherche": f"{PRENOM} {NOM}"})
        cra = await client.post(
            "/mes-activites/cra/individuel",
            data={
                "csrf_token": csrf,
                "beneficiaire.id": beneficiaire_id,
                "date": "2025-03-12",
                "duree": "45",
                "type_lieu": "lieu_activite",
                "structure_id": qui.lieux[0],
                "thematiques": ["email", "aide_aux_demarches_administratives"],
                "precisions_demarche": "Demande de logement social",
                "materiel": ["ordinateur"],
                "autonomie": "partiellement_autonome",
                "oriente_vers_structure": "false",
            },
        )
    await hub.shutdown()

    assert created.status_code == 303 and found.status_code == 200 and NOM in found.text
    assert search.status_code == 200 and cra.status_code == 303, cra.text
    log = captured.getvalue()
    assert "/mes-beneficiaires" in log and "/mes-activites/cra/individuel" in log
    assert_absent(log, PRENOM, NOM, NOM.split("-")[0], EMAIL, "0612345678", "+33612345678")


async def test_a_connector_error_logs_no_token_of_its_url(captured: io.StringIO) -> None:
    url = f"https://partenaire.exemple/v1/lieux?page=2&api_key={PARTNER_TOKEN}"
    transport = httpx.MockTransport(lambda request: httpx.Response(500, text="panne"))
    async with httpx.AsyncClient(transport=transport) as http:
        response = await http.get(url)  # httpx logs each request, URL included
        with pytest.raises(httpx.HTTPStatusError) as failure:
            response.raise_for_status()
        auth_url = f"https://compte:{PARTNER_TOKEN}@partenaire.exemple/v1/lieux"
        response = await http.get(auth_url)
    report = SimpleNamespace(instance_id="partenaire-test", stream="lieux")
    error_type, _ = engine._classify(failure.value, report)  # an unexpected error: logged with its traceback
    logging.getLogger("hub.connectors").warning("appel refusé : Authorization: Bearer %s", PARTNER_TOKEN)

    log = captured.getvalue()
    assert error_type == "internal" and "HTTPStatusError" in log and "partenaire.exemple/v1/lieux" in log
    assert_absent(log, PARTNER_TOKEN)


def test_prod_lines_stay_json(captured: io.StringIO) -> None:
    logging.getLogger("hub").info("requête %s", f"/x?jeton={PARTNER_TOKEN}")

    line = captured.getvalue().strip()
    if line.startswith("{"):
        assert json.loads(line)["event"] == "requête /x?jeton=…"
    else:
        assert "requête /x?jeton=…" in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"GET /mes-beneficiaires?q=Dupont&page=2 HTTP/1.1" 200', '"GET /mes-beneficiaires?q=…&page=… HTTP/1.1" 200'),
        ("https://user:motdepasse@hote.exemple/chemin", "https://********@hote.exemple/chemin"),
        ("Authorization: Bearer abc:def", "Authorization: Bearer ********"),
        ("client_secret=s3cr3t et password: hunter2", "client_secret=******** et password: ********"),
        (f"/stats/partage/{PARTNER_TOKEN}", "/stats/partage/********"),
        ("3f2b9c1a-0000-4000-8000-000000000000 " + "a" * 64, "3f2b9c1a-0000-4000-8000-000000000000 " + "a" * 64),
        ("test_rate_limits_and_outages_are_transient_with_retry_after", "test_rate_limits_and_outages_are_transient_with_retry_after"),
    ],
    ids=["requête", "identifiants d'URL", "bearer", "paires", "jeton dans un chemin", "uuid et empreinte", "nom long"],
)
def test_redaction(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_the_capture_would_see_an_identity(captured: io.StringIO) -> None:
    """The safety net masks shapes, not names: a service that logged a name would be caught above."""
    logging.getLogger("hub").warning("bénéficiaire %s %s", PRENOM, NOM)

    with pytest.raises(AssertionError):
        assert_absent(captured.getvalue(), NOM)
