"""Benchmark of the RDV Service Public sync (plugin ``rdv``), against a raw HTTP fetch of the same pages.

Never part of the test run. A stand-in for RDV-SP's API v1 runs in a subprocess on 127.0.0.1
(uvicorn, no network): ``--rdvs`` RDVs (10 000 by default) in pages of 100 with ``meta.next_page``,
in the shapes of the API (organisation, motif, lieu, agents, participations with their user,
users; datetimes like ``2025-03-14 10:05:12 +0100``; a tenth of workshops with several usagers).
It answers only to the bearer token the hub should send.

The hub (PostgreSQL database ``bench_rdv`` created then dropped by the script, or ``--sqlite``)
runs the rdv plugin with one instance ``rdv.service_public`` and one linked account whose tokens
are inserted directly, encrypted as the plugin encrypts them (:func:`plugins.rdv.comptes.colonnes_jeton`,
:mod:`hub.core.chiffrement`). The script times, in the same run:

- a raw fetch of the 100 pages with httpx (the same requests the client sends, body read and
  JSON decoded, nothing validated nor written): the baseline;
- a first sync of the ``rdvs`` stream through the core engine (:func:`hub.core.sync.engine.run_stream`);
- re-syncs with nothing changed (every page read again, nothing written; ``--relectures``, 5 by
  default, the median printed with the extremes: the machine's load moves single runs by ±20 %),
  after an ``ANALYZE`` of ``rdv_rdv`` (what autovacuum does within a minute of the first sync).

It prints records/s for each, their ratio to the raw fetch, the peak memory of the hub's process
(``ru_maxrss``; the stand-in runs in its own process), and the targets (≥ 5 000 RDV/s first sync,
≥ 20 000 RDV/s re-sync, < 200 Mo) met or not. ``--profil FICHIER`` profiles the syncs with
cProfile (``python -m pstats FICHIER``).

    .venv/bin/python benchmarks/rdv_sync.py                 # PostgreSQL bench_rdv on 127.0.0.1
    HUB_BENCH_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/bench_rdv .venv/bin/python benchmarks/rdv_sync.py
    .venv/bin/python benchmarks/rdv_sync.py --sqlite
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import msgspec
import sqlalchemy as sa
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bases import recreer_base  # noqa: E402

URL_PAR_DEFAUT = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_rdv"
BASES_INTERDITES = {"test", "postgres", "template0", "template1"}
PAR_PAGE = 100
AGENT = 512
JETON = "jeton-du-banc-d-essai"
OBJECTIF_PREMIERE = 5_000
OBJECTIF_RELECTURE = 20_000
OBJECTIF_MEMOIRE_MO = 200
PARIS = timezone(timedelta(hours=1))
STATUTS = ["seen"] * 5 + ["unknown"] * 3 + ["noshow", "excused", "revoked"]
PRENOMS = ["Odile", "Inès", "Karim", "Jeanne", "Paul", "Aïcha", "Louis", "Mireille"]
NOMS = ["FERRAND", "Durand", "Benali", "Martin", "Lefèvre", "N'Diaye", "Petit", "Roux"]


# --- The stand-in for RDV-SP (run in a subprocess: ``--servir``) -------------------------------------


def _moment(instant: datetime) -> str:
    return instant.astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S %z")


def usager(numero: int) -> dict[str, Any]:
    prenom, nom = PRENOMS[numero % len(PRENOMS)], NOMS[numero // len(PRENOMS) % len(NOMS)]
    return {
        "id": numero, "first_name": prenom, "last_name": nom, "birth_name": None,
        "email": f"usager{numero}@example.org", "notification_email": None,
        "address": f"{numero % 90 + 1} rue de la Gare, 18100 Vierzon", "address_details": None,
        "phone_number": f"07{numero:08d}", "phone_number_formatted": f"+337{numero:08d}",
        "birth_date": f"{1940 + numero % 60}-{numero % 12 + 1:02d}-{numero % 28 + 1:02d}",
        "responsible_id": None, "responsible": None, "caisse_affiliation": "aucune", "affiliation_number": None,
        "family_situation": None, "number_of_children": None, "notify_by_sms": False, "notify_by_email": True,
        "invitation_created_at": None, "invitation_accepted_at": None, "created_at": "2025-01-20 09:12:40 +0100",
        "user_profiles": None,
    }  # fmt: skip


def organisation(organisation_id: int) -> dict[str, Any]:
    return {"id": organisation_id, "name": f"Espace numérique {organisation_id}", "email": "espace@vierzon.example",
            "phone_number": "0248000000", "verticale": "rdv_aide_numerique"}


def rendez_vous(rang: int, aleatoire: random.Random, origine: datetime, base_url: str) -> dict[str, Any]:
    """RDV number ``rang``: every tenth a workshop of 3 to 8 usagers, the others one usager."""
    rdv_id = 100_000 + rang
    debut = origine + timedelta(hours=2 * rang)
    collectif = rang % 10 == 0
    statut = aleatoire.choice(STATUTS)
    usagers = [usager(1 + (rang * 7 + n) % 3000) for n in range(aleatoire.randint(3, 8) if collectif else 1)]
    organisation_id = 301 + rang % 3
    return {
        "id": rdv_id, "uuid": f"00000000-0000-4000-8000-{rdv_id:012d}", "status": statut,
        "starts_at": _moment(debut), "ends_at": _moment(debut + timedelta(minutes=90 if collectif else 45)),
        "duration_in_min": 90 if collectif else 45,
        "address": "Médiathèque Paul-Eluard, 1 rue de la Médiathèque, 18100 Vierzon", "context": None,
        "cancelled_at": _moment(debut - timedelta(days=1)) if statut in ("excused", "revoked") else None,
        "max_participants_count": 10 if collectif else None, "users_count": len(usagers),
        "name": "Atelier : mes démarches en ligne" if collectif else None, "collectif": collectif,
        "created_by": "agent", "created_by_type": "Agent", "created_by_id": AGENT,
        "created_at": _moment(debut - timedelta(days=7)), "visio_url": None,
        "url_for_agents": f"{base_url}/admin/organisations/{organisation_id}/rdvs/{rdv_id}",
        "organisation": organisation(organisation_id),
        "motif": {
            "id": 61 + rang % 4, "name": "Atelier collectif" if collectif else "Prise en main d'un smartphone",
            "location_type": "public_office", "deleted_at": None, "bookable_publicly": True, "bookable_by": "everyone",
            "service_id": 4, "organisation_id": organisation_id, "collectif": collectif, "follow_up": False,
            "instruction_for_rdv": None, "motif_category": {"id": 8, "name": "Numérique", "short_name": "numerique"},
        },
        "lieu": {"id": 23, "name": "Médiathèque Paul-Eluard", "address": "1 rue de la Médiathèque, 18100 Vierzon",
                 "phone_number": None, "organisation_id": organisation_id, "single_use": False},
        "agents": [{"id": AGENT, "email": "sam.mediateur@example.org", "first_name": "Sam", "last_name": "Leroy"}],
        "participations": [
            {"id": rdv_id * 10 + n, "status": statut if statut != "revoked" else "unknown",
             "send_lifecycle_notifications": True, "send_reminder_notification": False, "created_by": "agent",
             "created_by_type": "Agent", "created_by_id": AGENT, "created_by_agent_prescripteur": False, "user": user}
            for n, user in enumerate(usagers)
        ],
        "users": [{key: user[key] for key in ("id", "first_name", "last_name", "email")} for user in usagers],
    }  # fmt: skip


def enveloppe(racine: str, enregistrements: list[Any], numero: int, pages: int, total: int) -> bytes:
    meta = {"current_page": numero, "next_page": numero + 1 if numero < pages else None,
            "prev_page": numero - 1 if numero > 1 else None, "total_pages": pages, "total_count": total}
    return json.dumps({racine: enregistrements, "meta": meta}, ensure_ascii=False).encode()


def corps_des_pages(nombre: int, base_url: str) -> tuple[list[bytes], bytes]:
    """The ``rdvs`` pages (encoded once: the stand-in only copies bytes) and the organisations."""
    aleatoire = random.Random(2025)
    origine = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=2 * nombre * 3 // 4)
    rdvs = [rendez_vous(rang, aleatoire, origine, base_url) for rang in range(nombre)]
    pages = max(1, -(-nombre // PAR_PAGE))
    corps = [enveloppe("rdvs", rdvs[i * PAR_PAGE : (i + 1) * PAR_PAGE], i + 1, pages, nombre) for i in range(pages)]
    return corps, enveloppe("organisations", [organisation(301 + n) for n in range(3)], 1, 1, 3)


def servir(nombre: int) -> None:
    """Serve the stand-in on a free port of 127.0.0.1; print ``PORT <n>`` once listening."""
    import socket

    import uvicorn

    prise = socket.socket()
    prise.bind(("127.0.0.1", 0))
    port = prise.getsockname()[1]
    pages, organisations = corps_des_pages(nombre, f"http://127.0.0.1:{port}")
    attendu = f"Bearer {JETON}".encode()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = dict(scope["headers"])
        query = dict(part.split("=", 1) for part in scope["query_string"].decode().split("&") if "=" in part)
        status, body = 404, b'{"errors":["introuvable"]}'
        if headers.get(b"authorization") != attendu:
            status, body = 401, b'{"errors":["jeton refus\\u00e9"]}'
        elif scope["path"] == "/api/v1/rdvs" and query.get("agent_id") == str(AGENT):
            numero = int(query.get("page", "1"))
            if 1 <= numero <= len(pages):
                status, body = 200, pages[numero - 1]
        elif scope["path"] == "/api/v1/organisations":
            status, body = 200, organisations
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json; charset=utf-8")]})
        await send({"type": "http.response.body", "body": body})

    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    print(f"PORT {port}", flush=True)
    server.run(sockets=[prise])


class Doublure:
    """The stand-in's subprocess (stopped on exit)."""

    def __init__(self, nombre: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--servir", "--rdvs", str(nombre)], stdout=subprocess.PIPE, text=True
        )
        ligne = self.process.stdout.readline() if self.process.stdout else ""
        if not ligne.startswith("PORT "):
            self.process.kill()
            sys.exit("La doublure de RDV Service Public n'a pas démarré.")
        self.url = f"http://127.0.0.1:{int(ligne.split()[1])}"

    def arreter(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


# --- The hub ---------------------------------------------------------------------------------------


async def attendre(url: str) -> None:
    """Until the stand-in answers (uvicorn starts listening after printing its port)."""
    async with httpx.AsyncClient() as http:
        for _ in range(200):
            try:
                await http.get(f"{url}/api/v1/organisations")
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    sys.exit("La doublure de RDV Service Public ne répond pas.")


async def lecture_brute(url: str, depuis: date) -> tuple[float, int]:
    """The baseline: the same pages fetched with httpx, one after the other, JSON decoded."""
    entetes = {"Authorization": f"Bearer {JETON}", "Accept": "application/json"}
    lus, numero = 0, 1
    debut = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as http:
        while numero is not None:
            params = [("agent_id", AGENT), ("starts_after", depuis.isoformat()), ("page", numero)]
            reponse = await http.get(f"{url}/api/v1/rdvs", params=params, headers=entetes)
            reponse.raise_for_status()
            corps = msgspec.json.decode(reponse.content)
            lus += len(corps["rdvs"])
            numero = corps["meta"]["next_page"]
    return time.perf_counter() - debut, lus


def fichier_reglages(dossier: Path, url: str) -> Path:
    chemin = dossier / "hub.toml"
    chemin.write_text(
        f'[plugins.rdv]\ninstance_url = "{url}"\nclient_id = "banc"\nclient_secret = "secret-du-banc"\n'
        'historique_jours = 3650\n\n[[connectors]]\nid = "rdv"\nkind = "rdv.service_public"\nevery_minutes = 60\n',
        encoding="utf-8",
    )
    return chemin


async def hub_lie(url_base: str, dossier: Path, url_rdv: str) -> Any:
    """A migrated hub running the rdv plugin, its instance ``loaded``, one linked account."""
    from connectors.rdv_service_public import OAuthToken
    from hub.core.hub import Hub
    from hub.core.identity.models import Mediateur
    from hub.core.identity.users import NouvelUtilisateur, creer_utilisateur
    from hub.core.settings import load_settings
    from hub.core.sync.states import reconcile_instances, setup_instance
    from plugins.rdv import plugin
    from plugins.rdv.comptes import colonnes_jeton
    from plugins.rdv.models import Compte

    environ = {"HUB_CONFIG": str(fichier_reglages(dossier, url_rdv))}
    reglages = load_settings(environ, database_url=url_base, data_dir=str(dossier / "var"),
                             public_url="https://hub.exemple.fr")
    hub = Hub.create(reglages, plugins=[("rdv", plugin)], autoload=False)
    await hub.migrate()
    await reconcile_instances(hub)
    etat = await setup_instance(hub, "rdv")
    if etat != "loaded":
        sys.exit(f"L'instance rdv est « {etat} » au lieu de « loaded ».")
    jeton = OAuthToken(access_token=JETON, refresh_token="renouvellement", scope="write",
                       expires_at=datetime.now(UTC) + timedelta(hours=2))
    async with hub.session() as session, session.begin():
        user = await creer_utilisateur(session, NouvelUtilisateur(email="sam@exemple.fr", roles=["mediateur"]), par=None)
        mediateur_id = await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id))
        session.add(Compte(user_id=user.id, mediateur_id=mediateur_id, instance_url=url_rdv, agent_id=AGENT,
                           depuis=date.today() - timedelta(days=3650), **colonnes_jeton(hub, jeton)))
    return hub


async def synchroniser(hub: Any, profil: cProfile.Profile | None) -> tuple[float, Any]:
    from hub.core.sync.engine import run_stream

    if profil is not None:
        profil.enable()
    debut = time.perf_counter()
    rapport = await run_stream(hub, "rdv", "rdvs")
    duree = time.perf_counter() - debut
    if profil is not None:
        profil.disable()
    if rapport.status != "success":
        sys.exit(f"Synchronisation « {rapport.status} » : {rapport.error_message}")
    return duree, rapport


async def mesurer(
    url_base: str, nombre: int, dossier: Path, profil_chemin: str | None, nombre_relectures: int = 5
) -> None:
    postgres = url_base.startswith("postgresql")
    if postgres:
        url = make_url(url_base)
        if url.database in BASES_INTERDITES:
            sys.exit(f"Base « {url.database} » refusée : donnez une base propre au banc d'essai (bench_rdv).")
        await recreer_base(url)
    doublure = Doublure(nombre)
    hub = None
    profil = cProfile.Profile() if profil_chemin else None
    try:
        await attendre(doublure.url)
        hub = await hub_lie(url_base, dossier, doublure.url)
        from hub.core.sync.engine import run_stream
        from plugins.rdv.models import Rdv

        organisations = await run_stream(hub, "rdv", "organisations")
        depuis = date.today() - timedelta(days=3650)
        duree_brute, lus_bruts = await lecture_brute(doublure.url, depuis)
        memoire_avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        duree_1, premiere = await synchroniser(hub, profil)
        async with hub.session() as session, session.begin():
            await session.execute(sa.text("ANALYZE rdv_rdv"))  # what autovacuum does within a minute
        relectures = [await synchroniser(hub, profil) for _ in range(nombre_relectures)]
        duree_2, relecture = sorted(relectures, key=lambda mesure: mesure[0])[len(relectures) // 2]
        memoire_pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        async with hub.session() as session:
            lignes = await session.scalar(sa.select(sa.func.count()).select_from(Rdv))
    finally:
        if hub is not None:
            await hub.shutdown()
        doublure.arreter()
        if postgres:
            await recreer_base(make_url(url_base), supprimer_seulement=True)
    if profil is not None and profil_chemin:
        profil.dump_stats(profil_chemin)

    debit_brut, debit_1, debit_2 = lus_bruts / duree_brute, premiere.read / duree_1, relecture.read / duree_2
    base = "PostgreSQL" if postgres else "SQLite"
    print(f"Base : {base} ; doublure de RDV-SP sur {doublure.url} (sous-processus) ; {nombre} RDV, "
          f"{premiere.batches} pages de {PAR_PAGE} ; organisations : {organisations.inserted} ajoutées")
    print(f"Lecture HTTP brute (référence) : {duree_brute:.2f} s, {_nombre(debit_brut)} RDV/s ({lus_bruts} lus)")
    print(f"Première synchronisation : {duree_1:.2f} s, {_nombre(debit_1)} RDV/s — lus {premiere.read}, "
          f"ajoutés {premiere.inserted}, modifiés {premiere.updated}, en erreur {premiere.failed} ; "
          f"rapport à la lecture brute : {debit_1 / debit_brut:.2f} ; objectif ≥ {_nombre(OBJECTIF_PREMIERE)} RDV/s : "
          f"{_verdict(debit_1 >= OBJECTIF_PREMIERE)}")
    extremes = [relecture.read / duree for duree, _ in relectures]
    print(f"Relecture sans changement (médiane de {len(relectures)} : {_nombre(min(extremes))} à "
          f"{_nombre(max(extremes))} RDV/s) : {duree_2:.2f} s, {_nombre(debit_2)} RDV/s — lus {relecture.read}, "
          f"ajoutés {relecture.inserted}, modifiés {relecture.updated}, inchangés {relecture.unchanged} ; "
          f"rapport à la lecture brute : {debit_2 / debit_brut:.2f} ; objectif ≥ {_nombre(OBJECTIF_RELECTURE)} RDV/s : "
          f"{_verdict(debit_2 >= OBJECTIF_RELECTURE)}")
    print(f"Mémoire de pointe du processus du hub : {memoire_pic:.0f} Mo (avant les synchronisations : "
          f"{memoire_avant:.0f} Mo ; objectif < {OBJECTIF_MEMOIRE_MO} Mo) : {_verdict(memoire_pic < OBJECTIF_MEMOIRE_MO)}")
    print(f"Lignes rdv_rdv : {lignes} (ANALYZE rdv_rdv entre les deux passages)")
    if lignes != nombre or premiere.inserted != nombre or any(r.inserted + r.updated for _, r in relectures):
        sys.exit("Résultat inattendu : la première synchronisation doit tout ajouter et la relecture ne rien écrire.")
    if profil_chemin:
        print(f"Profil cProfile des deux synchronisations : {profil_chemin} (python -m pstats {profil_chemin})")


def _verdict(atteint: bool) -> str:
    return "atteint" if atteint else "manqué"


def _nombre(valeur: float) -> str:
    return f"{valeur:,.0f}".replace(",", " ")


def main() -> None:
    parametres = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parametres.add_argument("--rdvs", type=int, default=10_000, help="rendez-vous servis (10 000, par pages de 100)")
    parametres.add_argument("--sqlite", action="store_true", help="SQLite (fichier temporaire) au lieu de PostgreSQL")
    parametres.add_argument("--profil", metavar="FICHIER", help="profil cProfile des synchronisations")
    parametres.add_argument("--relectures", type=int, default=5, help="relectures sans changement mesurées (5 : médiane)")
    parametres.add_argument("--delai", type=float, default=600.0, help="durée maximale en secondes (600)")
    parametres.add_argument("--servir", action="store_true", help=argparse.SUPPRESS)
    arguments = parametres.parse_args()
    if arguments.servir:
        servir(arguments.rdvs)
        return
    os.environ.setdefault("HUB_DISABLE_PLUGIN_AUTOLOAD", "1")
    with tempfile.TemporaryDirectory(prefix="bench-rdv-") as dossier:
        url = (
            f"sqlite+aiosqlite:///{Path(dossier) / 'hub.sqlite3'}"
            if arguments.sqlite
            else os.environ.get("HUB_BENCH_DATABASE_URL", URL_PAR_DEFAUT)
        )
        asyncio.run(asyncio.wait_for(mesurer(url, arguments.rdvs, Path(dossier), arguments.profil, max(1, arguments.relectures)), arguments.delai))


if __name__ == "__main__":
    main()
