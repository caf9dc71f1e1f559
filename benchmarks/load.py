"""Load benchmark: the hub served by uvicorn on loopback, driven from a second process, next to a
minimal Litestar endpoint measured in the same run as the framework's ceiling on this machine.

Never part of the test run. Steps:

1. drop and create the PostgreSQL database ``bench_load`` (``HUB_BENCH_DATABASE_URL``; never a
   database named ``test``), migrate it and load the demo data set (``hub demo``: Camille, a
   mediator with 160 CRAs, her team, the demo connectors);
2. open a session for Camille and create an API client (``activites:ecriture``, ``statistiques``);
3. serve the hub (``hub serve --workers N``, in-process jobs) and the minimal app (one route
   returning ``ok``, same uvicorn, same worker count), each in a subprocess on 127.0.0.1;
4. from a driver subprocess (httpx, ``--clients`` concurrent clients, ``--seconds`` per target,
   at most ``--max-requests`` requests per target), measure each target in turn: the ceiling,
   the dashboard (``/``), the activity list (``/mes-activites``), the stats page (``/stats``),
   the stats API (``GET /api/v1/statistiques``) and the CRA write API (``POST /api/v1/activites``);
5. print requests/s, latency p50/p95/p99, errors, and the ratio to the ceiling, then stop the
   servers and drop the database (``--keep`` keeps it).

    .venv/bin/python benchmarks/load.py                       # 2 server workers, 32 clients, 10 s each
    .venv/bin/python benchmarks/load.py --workers 2 --clients 16 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

URL_PAR_DEFAUT = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_load"

CIBLES = ("plafond", "tableau_de_bord", "liste_activites", "page_stats", "api_stats", "api_cra")
LIBELLES = {
    "plafond": "Litestar minimal (plafond)",
    "tableau_de_bord": "Tableau de bord  GET /",
    "liste_activites": "Liste d'activités GET /mes-activites",
    "page_stats": "Page stats  GET /stats",
    "api_stats": "API stats  GET /api/v1/statistiques",
    "api_cra": "API CRA  POST /api/v1/activites",
}


def ceiling_app() -> Any:
    """The minimal Litestar app: one route answering ``ok`` (``uvicorn load:ceiling_app --factory``)."""
    from litestar import Litestar, get

    @get("/", media_type="text/plain")
    async def ok() -> str:
        return "ok"

    return Litestar([ok])


# --- the driver (second process) ---------------------------------------------------------------


async def _drive(cible: dict[str, Any], clients: int, seconds: float, max_requests: int) -> dict[str, Any]:
    import httpx

    latences: list[float] = []
    erreurs: dict[str, int] = {}
    fin = time.perf_counter() + seconds
    restant = [max_requests]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=cible["base"], headers=cible.get("headers", {}), cookies=cible.get("cookies", {}), limits=limits, timeout=30
    ) as http:

        async def client() -> None:
            while time.perf_counter() < fin and restant[0] > 0:
                restant[0] -= 1
                debut = time.perf_counter()
                try:
                    response = await http.request(cible["method"], cible["path"], json=cible.get("json"))
                    code = response.status_code
                except httpx.HTTPError as exc:
                    code = type(exc).__name__
                latences.append(time.perf_counter() - debut)
                if code != cible["expect"]:
                    erreurs[str(code)] = erreurs.get(str(code), 0) + 1

        for _ in range(min(clients, 4)):  # warm-up: connections, caches
            await http.request(cible["method"], cible["path"], json=cible.get("json"))
        debut = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        duree = time.perf_counter() - debut
    latences.sort()

    def pct(p: float) -> float:
        return latences[min(len(latences) - 1, int(p * len(latences)))] * 1000 if latences else float("nan")

    return {"requetes": len(latences), "duree": duree, "rps": len(latences) / duree, "p50": pct(0.50),
            "p95": pct(0.95), "p99": pct(0.99), "erreurs": erreurs}


def driver_main(plan_path: str) -> None:
    plan = json.loads(Path(plan_path).read_text())
    resultats = {}
    for nom, cible in plan["cibles"].items():
        resultats[nom] = asyncio.run(_drive(cible, plan["clients"], plan["seconds"], plan["max_requests"]))
    print(json.dumps(resultats))


# --- the orchestrator --------------------------------------------------------------------------


def _port_libre() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environ(url: str, dossier: Path) -> dict[str, str]:
    environ = {key: value for key, value in os.environ.items() if not key.startswith("HUB_")}
    environ.update(
        HUB_DATABASE_URL=url, HUB_ENV="dev", HUB_DATA_DIR=str(dossier / "var"),
        HUB_CONFIG=str(ROOT / "deploy" / "hub.demo.toml"),
    )
    return environ


def _attendre(port: int, process: subprocess.Popen[bytes], quoi: str, *, delai: float = 60) -> None:
    limite = time.monotonic() + delai
    while time.monotonic() < limite:
        if process.poll() is not None:
            raise SystemExit(f"{quoi} s'est arrêté (code {process.returncode})")
        with socket.socket() as sonde:
            if sonde.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"{quoi} ne répond pas sur le port {port} après {delai:g} s")


async def _preparer(url: str, environ: dict[str, str]) -> dict[str, Any]:
    """Session cookie of Camille (demo mediator), an API client's header, her mediator id."""
    from hub.core.api_clients.service import create_api_client
    from hub.core.auth.sessions import FOURNISSEUR_DEMO, open_session
    from hub.core.demo import CAMILLE
    from hub.core.hub import Hub
    from hub.core.identity.models import Mediateur, User
    from hub.core.settings import load_settings
    from hub.core.web.sessions import SESSION_COOKIE, cookie_name

    hub = Hub.create(load_settings(environ))
    try:
        async with hub.session() as db:
            user_id = await db.scalar(sa.select(User.id).where(User.email == CAMILLE))
            mediateur_id = await db.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user_id))
            token = await open_session(db, hub.settings, user_id=user_id, fournisseur=FOURNISSEUR_DEMO)
            issued = await create_api_client(db, hub.settings, nom="Banc de charge", scopes=["activites:ecriture", "statistiques"])
            await db.commit()
        return {
            "cookie": {cookie_name(hub.settings, SESSION_COOKIE): token},
            "auth": {"Authorization": f"Bearer {issued.token}"},
            "mediateur_id": mediateur_id,
        }
    finally:
        await hub.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="processus uvicorn par serveur (2)")
    parser.add_argument("--clients", type=int, default=32, help="clients concurrents (32)")
    parser.add_argument("--seconds", type=float, default=10.0, help="durée par cible (10 s)")
    parser.add_argument("--max-requests", type=int, default=50_000, help="plafond de requêtes par cible")
    parser.add_argument("--keep", action="store_true", help="garder la base bench_load")
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        driver_main(args.drive)
        return

    url = os.environ.get("HUB_BENCH_DATABASE_URL", URL_PAR_DEFAUT)
    if make_url(url).database == "test":
        raise SystemExit("refus : la base « test » sert aux tests")
    from bases import recreer_base

    asyncio.run(recreer_base(make_url(url)))
    processus: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as dossier_txt:
        dossier = Path(dossier_txt)
        environ = _environ(url, dossier)
        try:
            hub_cli = [sys.executable, "-m", "hub.cli"]
            subprocess.run([*hub_cli, "db", "upgrade"], env=environ, cwd=ROOT, check=True, capture_output=True)
            subprocess.run([*hub_cli, "demo"], env=environ, cwd=ROOT, check=True, capture_output=True)
            prep = asyncio.run(_preparer(url, environ))

            port_hub, port_min = _port_libre(), _port_libre()
            log = open(dossier / "serveurs.log", "wb")  # noqa: SIM115
            processus.append(subprocess.Popen(
                [*hub_cli, "serve", "--host", "127.0.0.1", "--port", str(port_hub), "--workers", str(args.workers)],
                env=environ, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            ))
            processus.append(subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "load:ceiling_app", "--factory", "--app-dir", str(ROOT / "benchmarks"),
                 "--host", "127.0.0.1", "--port", str(port_min), "--workers", str(args.workers), "--log-level", "warning",
                 "--no-access-log"],
                env=environ, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            ))
            _attendre(port_hub, processus[0], "le hub")
            _attendre(port_min, processus[1], "le serveur minimal")
            time.sleep(2)  # every uvicorn worker started

            hub = f"http://127.0.0.1:{port_hub}"
            session = {"base": hub, "cookies": prep["cookie"], "method": "GET", "expect": 200}
            cra = {"type": "individuel", "date": "2025-03-12", "duree": 45, "type_lieu": "domicile",
                   "lieu_commune": "Reims", "lieu_code_postal": "51100", "lieu_code_insee": "51454",
                   "thematiques": ["email"], "mediateur_id": prep["mediateur_id"]}
            plan = {
                "clients": args.clients, "seconds": args.seconds, "max_requests": args.max_requests,
                "cibles": {
                    "plafond": {"base": f"http://127.0.0.1:{port_min}", "method": "GET", "path": "/", "expect": 200},
                    "tableau_de_bord": session | {"path": "/"},
                    "liste_activites": session | {"path": "/mes-activites"},
                    "page_stats": session | {"path": "/stats"},
                    "api_stats": {"base": hub, "headers": prep["auth"], "method": "GET", "path": "/api/v1/statistiques", "expect": 200},
                    "api_cra": {"base": hub, "headers": prep["auth"], "method": "POST", "path": "/api/v1/activites",
                                "json": cra, "expect": 201},
                },
            }
            (dossier / "plan.json").write_text(json.dumps(plan))
            pilote = subprocess.run(
                [sys.executable, __file__, "--drive", str(dossier / "plan.json")],
                cwd=ROOT, capture_output=True, text=True, timeout=len(CIBLES) * (args.seconds + 120),
            )
            if pilote.returncode != 0:
                raise SystemExit(f"le pilote a échoué :\n{pilote.stderr[-3000:]}")
            _afficher(json.loads(pilote.stdout.strip().splitlines()[-1]), args)
        finally:
            for process in processus:
                process.send_signal(signal.SIGINT)
            for process in processus:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
            if not args.keep:
                asyncio.run(recreer_base(make_url(url), supprimer_seulement=True))


def _afficher(resultats: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    plafond = resultats["plafond"]["rps"]
    print(f"Charge sur 127.0.0.1 — {os.cpu_count()} cœurs, {args.workers} workers uvicorn par serveur, "
          f"{args.clients} clients concurrents, {args.seconds:g} s par cible, PostgreSQL")
    print(f"{'cible':<40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'requêtes':>9} {'/plafond':>9}  erreurs")
    for nom in CIBLES:
        r = resultats[nom]
        erreurs = ", ".join(f"{code}×{n}" for code, n in r["erreurs"].items()) or "-"
        print(f"{LIBELLES[nom]:<40} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
              f"{r['requetes']:>9} {r['rps'] / plafond:>9.2f}  {erreurs}")


if __name__ == "__main__":
    main()
