"""Benchmark of the activities import on PostgreSQL, against a plain ``COPY`` of the same rows.

Never part of the test run. It creates its own database (dropped at the end), a mediator at
work, generates a CSV file of activities (``--lignes``, 100 000 by default: individual
accompaniments at home or at the lieu, and small workshops), then times in the same run:

- the hub's import (:func:`hub.core.imports.activites.service.importer_activites`: every row
  read and checked with the rules of the forms, then written with COPY, counters at the end);
- a plain ``COPY … FROM STDIN (FORMAT csv)`` of the same file into a bare table of text columns.

It prints the rows per second of both, their ratio (target: the hub at least half as fast as
COPY) and the peak memory of the process (``ru_maxrss``; target under 300 MB). The whole run is
bounded (``--delai``, 900 s by default).

    HUB_BENCH_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/bench_import \\
        .venv/bin/python benchmarks/import_activites.py --lignes 100000
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bases import connecter, recreer_base  # noqa: E402

from hub.core.hub import Hub  # noqa: E402
from hub.core.identity.models import Mediateur  # noqa: E402
from hub.core.identity.users import NouvelUtilisateur, creer_utilisateur  # noqa: E402
from hub.core.imports.activites.service import importer_activites  # noqa: E402
from hub.core.settings import load_settings  # noqa: E402
from hub.core.structures.inputs import StructureInput  # noqa: E402
from hub.core.structures.service import creer_structure  # noqa: E402

URL_PAR_DEFAUT = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_import"
OBJECTIF_RAPPORT = 0.5
OBJECTIF_MEMOIRE_MO = 300
EMAIL = "bench@exemple.fr"
REIMS = {"commune": "Reims", "code_postal": "51100", "code_insee": "51454"}
ENTETES = [
    "Type", "Date", "Durée (min)", "Canal", "Lieu d'activité", "Commune", "Code postal", "Code INSEE", "Thématiques",
    "Matériel", "Niveau d'autonomie", "Genre", "Tranche d'âge", "Statut social", "Titre de l'atelier",
    "Participants anonymes", "Anonymes – genre : Féminin",
]  # fmt: skip
THEMATIQUES = ["E-mail", "Santé", "Bureautique", "Navigation sur internet", "Banque et achats en ligne"]
GENRES = ["Féminin", "Masculin", "Non communiqué"]
TRANCHES = ["25 - 39 ans", "40 - 59 ans", "60 - 69 ans", "70 ans et plus"]
STATUTS = ["Retraité", "En emploi", "Sans emploi"]


def lignes_generees(nombre: int, aleatoire: random.Random) -> Iterator[list[str]]:
    """``nombre`` activities: 60 % at home, 30 % at the lieu, 10 % workshops of 2 to 8."""
    for rang in range(nombre):
        jour = f"{1 + rang % 28:02d}/{1 + rang % 12:02d}/{2021 + rang % 4}"
        thematiques = ", ".join(aleatoire.sample(THEMATIQUES, aleatoire.randint(1, 2)))
        tirage = aleatoire.random()
        if tirage < 0.1:
            total = aleatoire.randint(2, 8)
            yield ["Atelier collectif", jour, "90", "Lieu d'activité", "Médiathèque", "", "", "", thematiques,
                   "Ordinateur", "", "", "", "", "Atelier numérique", str(total), str(aleatoire.randint(0, total))]
            continue
        anonyme = [aleatoire.choice(GENRES), aleatoire.choice(TRANCHES), aleatoire.choice(STATUTS)]
        if tirage < 0.4:
            yield ["Accompagnement individuel", jour, "30", "Lieu d'activité", "Médiathèque", "", "", "", thematiques,
                   "Téléphone", "Autonome", *anonyme, "", "", ""]
        else:
            yield ["Accompagnement individuel", jour, "45", "À domicile", "", *REIMS.values(), thematiques,
                   "Ordinateur", "Avec guidage", *anonyme, "", "", ""]  # fmt: skip


def ecrire_csv(chemin: Path, nombre: int) -> None:
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.writer(fichier, delimiter=";")
        ecrivain.writerow(ENTETES)
        ecrivain.writerows(lignes_generees(nombre, random.Random(2025)))


async def mediateur_au_travail(hub: Hub) -> str:
    async with hub.session() as session, session.begin():
        employeur = await creer_structure(
            session, StructureInput(nom="Employeur", adresse="1 place de l'Hôtel de Ville", **REIMS), par=None
        )
        lieu = await creer_structure(
            session, StructureInput(nom="Médiathèque", adresse="2 rue des Fusillés", **REIMS), par=None
        )
        user = await creer_utilisateur(
            session,
            NouvelUtilisateur(email=EMAIL, roles=["mediateur"], employeur=employeur.id, lieux=[lieu.id]),
            par=None,
        )
        return await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id)) or ""


async def importer(hub: Hub, mediateur_id: str, chemin: Path) -> tuple[float, dict[str, float], int, int]:
    """The hub's import: its duration, the moment each step ended, its activities and accompagnements."""
    debut = time.perf_counter()
    etapes: dict[str, float] = {}

    def progression(etape: str, fait: int, total: int) -> None:
        etapes[etape] = time.perf_counter() - debut

    async with hub.session() as session, session.begin():
        bilan = await importer_activites(session, mediateur_id, chemin, par=None, progression=progression)
    duree = time.perf_counter() - debut
    if not bilan.importe:
        sys.exit(f"L'import a été refusé : {bilan.erreurs[:5]}")
    return duree, etapes, bilan.activites, bilan.accompagnements


async def copier(url: sa.URL, chemin: Path) -> float:
    """A plain COPY of the file into a bare table of text columns: its duration."""
    connexion = await connecter(url)
    try:
        colonnes = ", ".join(f"c{rang} text" for rang in range(len(ENTETES)))
        await connexion.execute(f"CREATE TABLE copie_brute ({colonnes})")
        debut = time.perf_counter()
        async with connexion.transaction():
            await connexion.copy_to_table("copie_brute", source=chemin, format="csv", header=True, delimiter=";")
        return time.perf_counter() - debut
    finally:
        await connexion.close()


async def mesurer(url_texte: str, nombre: int, dossier: Path) -> None:
    url = make_url(url_texte)
    await recreer_base(url)
    hub = Hub.create(load_settings({}, database_url=url_texte, data_dir=str(dossier)), autoload=False)
    try:
        await hub.migrate()
        mediateur_id = await mediateur_au_travail(hub)
        chemin = dossier / "activites.csv"
        ecrire_csv(chemin, nombre)
        memoire_avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        duree_hub, etapes, activites, accompagnements = await importer(hub, mediateur_id, chemin)
        memoire_pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        duree_copie = await copier(url, chemin)
    finally:
        await hub.shutdown()
        await recreer_base(url, supprimer_seulement=True)
    debit_hub, debit_copie = nombre / duree_hub, nombre / duree_copie
    rapport = debit_hub / debit_copie
    print(f"Fichier : {nombre} activités ({chemin.stat().st_size / 2**20:.1f} Mo), {accompagnements} accompagnements")
    print(f"Import du hub : {duree_hub:.1f} s, {_nombre(debit_hub)} lignes/s")
    print(f"  dont lecture et vérification des lignes : {etapes['analyse']:.1f} s ; écriture : "
          f"{duree_hub - etapes['analyse']:.1f} s ({activites} activités)")
    print(f"COPY brut : {duree_copie:.2f} s, {_nombre(debit_copie)} lignes/s")
    print(f"Rapport hub / COPY : {rapport:.3f} (objectif ≥ {OBJECTIF_RAPPORT}) : "
          f"{'atteint' if rapport >= OBJECTIF_RAPPORT else 'manqué'}")
    print(f"Mémoire de pointe du processus : {memoire_pic:.0f} Mo (avant l'import : {memoire_avant:.0f} Mo ; objectif "
          f"< {OBJECTIF_MEMOIRE_MO} Mo) : {'atteint' if memoire_pic < OBJECTIF_MEMOIRE_MO else 'manqué'}")


def _nombre(valeur: float) -> str:
    return f"{valeur:,.0f}".replace(",", " ")


def main() -> None:
    parametres = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parametres.add_argument("--lignes", type=int, default=100_000, help="activités à générer (100 000)")
    parametres.add_argument("--delai", type=float, default=900.0, help="durée maximale en secondes (900)")
    arguments = parametres.parse_args()
    url = os.environ.get("HUB_BENCH_DATABASE_URL", URL_PAR_DEFAUT)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as dossier:
        asyncio.run(asyncio.wait_for(mesurer(url, arguments.lignes, Path(dossier)), arguments.delai))


if __name__ == "__main__":
    main()
