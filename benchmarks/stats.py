"""Benchmark of the statistics on PostgreSQL, against straightforward SQL measured in the same run.

Never part of the test run. On a database of its own (``bench_stats`` by default, created when
absent; never a database named ``test``), migrated by the project's migrations, it writes a
data set of ``--accompagnements`` accompagnements (1 000 000 by default: about 600 000
activities, 2 000 mediators in teams of about 30, 90 % anonymous bénéficiaires; see
``benchmarks/stats_donnees.py``), then times every section of the statistics for three scopes
over two periods: the last full calendar year of the data, and the statistics page's default
period (the 1st January of the data's last year to its last day, ``--fin``):

- one mediator with a typical number of activities that year (the median mediator);
- the team of a coordinator of about 30 mediators (members who left counted up to their day);
- national.

For each scope: the hub (:func:`hub.core.stats.calculer_statistiques`, with and without its
``cumuls``), and a baseline: one ``GROUP BY`` query per section of La Coop's statistics (totals,
monthly and daily series, types, both groups of thematiques, tags, matériel, canaux, durées,
lieux, communes; genres, tranches d'âge, statuts and communes of the bénéficiaires with
``COUNT(DISTINCT)`` over accompagnements → activités → bénéficiaires), run one after the other
on one connection, with nothing precomputed. It prints median and p95 of ``--repeat`` runs
(after one warm-up run), the ratio hub / baseline, the target of each scope, and checks that
the hub's headline figures (accompagnements, bénéficiaires) equal the baseline's, per period. A
slow case stops repeating after ``--budget`` seconds (60; at least 3 measures): the table tells
how many.

A data set already in the database with the same parameters is reused (generation skipped);
``--keep`` leaves the database populated at the end (otherwise it is dropped).

    .venv/bin/python benchmarks/stats.py --keep                 # 1 000 000 accompagnements
    .venv/bin/python benchmarks/stats.py --accompagnements 20000 --repeat 5   # a smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bases import connecter, recreer_base  # noqa: E402
from stats_donnees import VERIFICATIONS, Parametres, generer  # noqa: E402

from hub.core.activites.dates import jour_de  # noqa: E402
from hub.core.activites.filtres import FiltresActivites  # noqa: E402
from hub.core.activites.portee import PorteeEquipe, PorteeMediateur, PorteeNationale  # noqa: E402
from hub.core.activites.thematiques import (  # noqa: E402
    AIDE_AUX_DEMARCHES,
    DEMARCHES_ADMINISTRATIVES,
    MEDIATION_NUMERIQUE,
)
from hub.core.beneficiaires.tranche_age import DERNIERE, SEUILS  # noqa: E402
from hub.core.hub import Hub  # noqa: E402
from hub.core.settings import load_settings  # noqa: E402
from hub.core.teams.perimetre import team_membership  # noqa: E402

URL_PAR_DEFAUT = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_stats"
GRAINE = 2025
OBJECTIFS_MS = {"médiateur": 15.0, "équipe": 50.0, "national": 300.0}
ANNEE_CIVILE = "année civile"
PERIODE_PAR_DEFAUT = "période par défaut"
BASES_INTERDITES = {"test", "postgres", "template0", "template1"}


# --- The database ----------------------------------------------------------------------------------


async def donnees_presentes(url: sa.URL) -> dict[str, Any] | None:
    """The parameters of the data set already in the database (``None``: no database, or no
    complete data set: the metadata is written last, after ANALYZE)."""
    maintenance = await connecter(url, base="postgres")
    try:
        commentaire = await maintenance.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", url.database
        )
    finally:
        await maintenance.close()
    try:
        return json.loads(commentaire) if commentaire else None
    except ValueError:
        return None


async def preparer(url: sa.URL, url_texte: str, voulu: Parametres, fin_imposee: bool, regenerer: bool,
                   dossier: Path) -> tuple[Parametres, bool]:  # fmt: skip
    """The data set to measure: the one in the database when its parameters match (``fin``
    compared only when given), else a new one. Returns it and whether it was generated."""
    present = await donnees_presentes(url)
    attendu = voulu.metadonnees()
    if present and not regenerer:
        cles = ["version", "accompagnements", "graine", *(["fin"] if fin_imposee else [])]
        if all(present.get(cle) == attendu[cle] for cle in cles):
            print(f"Données réutilisées : base {url.database!r} ({_decrire(present)}).")
            return Parametres(present["accompagnements"], present["graine"], date.fromisoformat(present["fin"])), False
        print(f"La base {url.database!r} contient un autre jeu de données ({_decrire(present)}) : regénération.")
    await recreer_base(url)
    hub = Hub.create(load_settings({}, database_url=url_texte, data_dir=str(dossier)), autoload=False)
    try:
        await hub.migrate()
    finally:
        await hub.shutdown()
    print(f"Génération : {_n(voulu.accompagnements)} accompagnements visés, {_n(voulu.activites)} activités, "
          f"{_n(voulu.mediateurs)} médiateurs, {voulu.coordinateurs} coordinateurs, du {voulu.debut} au {voulu.fin}, "
          f"graine {voulu.graine}")  # fmt: skip
    debut = time.perf_counter()
    connexion = await connecter(url)
    try:
        await generer(connexion, voulu)
        for nom, requete in VERIFICATIONS.items():
            if not await connexion.fetchval(requete):
                sys.exit(f"Jeu de données incohérent : {nom}")
        print(f"  vérifié : {', '.join(VERIFICATIONS)}")
        commentaire = json.dumps(attendu).replace("'", "''")
        await connexion.execute(f"COMMENT ON DATABASE \"{url.database}\" IS '{commentaire}'")
    finally:
        await connexion.close()
    print(f"Génération terminée en {time.perf_counter() - debut:.0f} s.")
    return voulu, True


def _decrire(metadonnees: dict[str, Any]) -> str:
    return (f"{metadonnees.get('accompagnements')} accompagnements visés, graine {metadonnees.get('graine')}, "
            f"fin {metadonnees.get('fin')}, version {metadonnees.get('version')}")  # fmt: skip


async def decrire_donnees(connexion: asyncpg.Connection) -> str:
    ligne = await connexion.fetchrow(
        """SELECT (SELECT count(*) FROM accompagnements) AS accompagnements,
                  (SELECT count(*) FROM activites) AS activites,
                  (SELECT count(*) FROM activites WHERE type = 'collectif') AS collectifs,
                  (SELECT count(*) FROM beneficiaires) AS beneficiaires,
                  (SELECT count(*) FROM beneficiaires WHERE anonyme) AS anonymes,
                  (SELECT count(*) FROM mediateurs) AS mediateurs,
                  (SELECT count(*) FROM coordinateurs) AS coordinateurs,
                  (SELECT count(*) FROM structures) AS structures,
                  (SELECT count(*) FROM activites_tags) AS tags,
                  pg_size_pretty(pg_database_size(current_database())) AS taille"""
    )
    return (f"{_n(ligne['accompagnements'])} accompagnements, {_n(ligne['activites'])} activités "
            f"({_n(ligne['collectifs'])} collectives), {_n(ligne['beneficiaires'])} bénéficiaires "
            f"({ligne['anonymes'] / max(1, ligne['beneficiaires']):.0%} anonymes), "
            f"{_n(ligne['mediateurs'])} médiateurs, "
            f"{ligne['coordinateurs']} coordinateurs, {_n(ligne['structures'])} structures, "
            f"{_n(ligne['tags'])} tags posés ; base de {ligne['taille']}")  # fmt: skip


# --- The scopes ------------------------------------------------------------------------------------


class Cas:
    """One scope measured: its name, the hub's portee, and the baseline's SQL condition on ``a``."""

    def __init__(self, nom: str, description: str, portee: Any, condition: str) -> None:
        self.nom, self.description, self.portee, self.condition = nom, description, portee, condition


async def choisir_cas(hub: Hub, connexion: asyncpg.Connection, du: date, au: date) -> list[Cas]:
    mediateurs = await connexion.fetch(
        """SELECT m.id, count(a.id) AS nombre, coalesce(sum(a.accompagnements_count), 0) AS accompagnements
           FROM mediateurs m JOIN activites a ON a.mediateur_id = m.id AND a.suppression IS NULL
                AND a.date BETWEEN $1 AND $2
           GROUP BY m.id ORDER BY nombre, m.id""",
        du, au,
    )  # fmt: skip
    median = mediateurs[len(mediateurs) // 2]
    nombres = [ligne["nombre"] for ligne in mediateurs]
    coordinateur = await connexion.fetchrow(
        """SELECT coordinateur_id, count(DISTINCT mediateur_id) AS membres,
                  count(*) FILTER (WHERE suppression IS NOT NULL) AS partis
           FROM mediateurs_coordonnes GROUP BY coordinateur_id
           ORDER BY abs(count(DISTINCT mediateur_id) - 30), count(*) FILTER (WHERE suppression IS NOT NULL) DESC,
                    coordinateur_id LIMIT 1"""
    )
    async with hub.session() as session:
        membres: dict[str, date | None] = {}
        for membership in await team_membership(session, coordinateur["coordinateur_id"]):
            fin = None if membership.fin is None else jour_de(membership.fin)
            if membership.mediateur_id in membres:
                precedente = membres[membership.mediateur_id]
                fin = None if precedente is None or fin is None else max(precedente, fin)
            membres[membership.mediateur_id] = fin
    sans_borne = [mediateur_id for mediateur_id, fin in membres.items() if fin is None]
    bornes = [f"(a.mediateur_id = '{mediateur_id}' AND a.date <= DATE '{fin}')"
              for mediateur_id, fin in membres.items() if fin is not None]  # fmt: skip
    condition_equipe = "(" + " OR ".join([f"a.mediateur_id IN ({_liste(sans_borne)})", *bornes]) + ")"
    return [
        Cas("médiateur", f"médiateur médian ({median['nombre']} activités, {median['accompagnements']} "
            f"accompagnements sur l'année ; de {min(nombres)} à {max(nombres)} selon le médiateur)",
            PorteeMediateur(median["id"]), f"a.mediateur_id = '{median['id']}'"),
        Cas("équipe", f"équipe de {len(membres)} médiateurs dont {len(bornes)} partis",
            PorteeEquipe(coordinateur["coordinateur_id"], membres), condition_equipe),
        Cas("national", "toutes les activités", PorteeNationale(), "TRUE"),
    ]  # fmt: skip


def periodes_mesurees(fin: date) -> dict[str, tuple[date, date]]:
    """The periods measured: the last full calendar year of the data (ending on ``fin``), and
    the statistics page's default period, the 1st January of ``fin``'s year to ``fin``."""
    annee = fin.year if (fin.month, fin.day) == (12, 31) else fin.year - 1
    return {ANNEE_CIVILE: (date(annee, 1, 1), date(annee, 12, 31)), PERIODE_PAR_DEFAUT: (date(fin.year, 1, 1), fin)}


def _liste(valeurs: list[str]) -> str:
    return ", ".join(f"'{valeur}'" for valeur in valeurs) or "NULL"


# --- The baseline: one GROUP BY per section ---------------------------------------------------------


def requetes_reference(condition: str, du: date, au: date) -> dict[str, str]:
    """The straightforward SQL of every section for the activities passing ``condition``."""
    activites = f"a.suppression IS NULL AND a.date BETWEEN DATE '{du}' AND DATE '{au}' AND {condition}"
    accompagnements = (
        "accompagnements ac JOIN activites a ON a.id = ac.activite_id "
        f"JOIN beneficiaires b ON b.id = ac.beneficiaire_id WHERE {activites}"
    )
    debut_mois = (au.replace(day=1) - timedelta(days=330)).replace(day=1)
    tranche = "CASE WHEN b.annee_naissance IS NULL THEN coalesce(b.tranche_age, 'non_communique') " + "".join(
        f"WHEN {au.year} - b.annee_naissance < {seuil} THEN '{valeur}' " for seuil, valeur in SEUILS
    ) + f"ELSE '{DERNIERE}' END"
    return {
        "totaux": f"""
            SELECT count(*) AS activites, count(*) FILTER (WHERE a.type = 'individuel') AS individuelles,
                   count(*) FILTER (WHERE a.type = 'collectif') AS collectives,
                   count(*) FILTER (WHERE a.thematiques ? '{AIDE_AUX_DEMARCHES}') AS demarches,
                   coalesce(sum(a.accompagnements_count), 0) AS accompagnements,
                   coalesce(sum(a.accompagnements_count) FILTER (WHERE a.type = 'individuel'), 0) AS individuels,
                   coalesce(sum(a.accompagnements_count) FILTER (WHERE a.type = 'collectif'), 0) AS collectifs
            FROM activites a WHERE {activites}""",
        "bénéficiaires": f"""
            SELECT count(DISTINCT b.id) AS total, count(DISTINCT b.id) FILTER (WHERE NOT b.anonyme) AS suivis,
                   count(DISTINCT b.id) FILTER (WHERE b.anonyme) AS anonymes,
                   count(*) FILTER (WHERE ac.premier_accompagnement) AS nouveaux
            FROM {accompagnements}""",
        "par mois": f"""
            SELECT date_trunc('month', a.date)::date AS mois, sum(a.accompagnements_count) AS nombre
            FROM activites a WHERE {activites} AND a.date >= DATE '{debut_mois}' GROUP BY 1""",
        "par jour": f"""
            SELECT a.date, sum(a.accompagnements_count) AS nombre
            FROM activites a WHERE {activites} AND a.date > DATE '{au - timedelta(days=30)}' GROUP BY 1""",
        "types": f"""
            SELECT a.type, count(*) AS activites, sum(a.accompagnements_count) AS nombre
            FROM activites a WHERE {activites} GROUP BY 1""",
        "thématiques médiation": f"""
            SELECT t.valeur, sum(a.accompagnements_count) AS nombre
            FROM activites a CROSS JOIN jsonb_array_elements_text(a.thematiques) AS t(valeur)
            WHERE {activites} AND t.valeur IN ({_liste(list(MEDIATION_NUMERIQUE))}) GROUP BY 1""",
        "thématiques démarches": f"""
            SELECT t.valeur, sum(a.accompagnements_count) AS nombre
            FROM activites a CROSS JOIN jsonb_array_elements_text(a.thematiques) AS t(valeur)
            WHERE {activites} AND t.valeur IN ({_liste(list(DEMARCHES_ADMINISTRATIVES))}) GROUP BY 1""",
        "tags": f"""
            SELECT t.id, t.nom, sum(a.accompagnements_count) AS nombre
            FROM activites a JOIN activites_tags at ON at.activite_id = a.id JOIN tags t ON t.id = at.tag_id
            WHERE {activites} GROUP BY t.id, t.nom""",
        "matériel": f"""
            SELECT m.valeur, sum(a.accompagnements_count) AS nombre
            FROM activites a CROSS JOIN jsonb_array_elements_text(a.materiel) AS m(valeur)
            WHERE {activites} GROUP BY 1""",
        "canaux": f"""
            SELECT a.type_lieu, sum(a.accompagnements_count) AS nombre
            FROM activites a WHERE {activites} GROUP BY 1""",
        "durées": f"""
            SELECT CASE WHEN a.duree < 30 THEN '30' WHEN a.duree < 60 THEN '60' WHEN a.duree < 120 THEN '120'
                        ELSE 'plus' END AS tranche, sum(a.accompagnements_count) AS nombre
            FROM activites a WHERE {activites} GROUP BY 1""",
        "lieux": f"""
            SELECT s.id, s.nom, sum(a.accompagnements_count) AS nombre
            FROM activites a JOIN structures s ON s.id = a.structure_id WHERE {activites} GROUP BY s.id, s.nom""",
        "communes": f"""
            SELECT coalesce(s.code_insee, a.lieu_code_insee) AS code, max(coalesce(s.commune, a.lieu_commune)) AS nom,
                   sum(a.accompagnements_count) AS nombre
            FROM activites a LEFT JOIN structures s ON s.id = a.structure_id WHERE {activites} GROUP BY 1""",
        "genres": f"SELECT b.genre, count(DISTINCT b.id) AS nombre FROM {accompagnements} GROUP BY 1",
        "tranches d'âge": f"""
            SELECT {tranche} AS tranche, count(DISTINCT b.id) AS nombre FROM {accompagnements} GROUP BY 1""",
        "statuts": f"SELECT b.statut_social, count(DISTINCT b.id) AS nombre FROM {accompagnements} GROUP BY 1",
        "communes des bénéficiaires": f"""
            SELECT b.commune_code_insee, max(b.commune) AS nom, count(DISTINCT b.id) AS nombre
            FROM {accompagnements} GROUP BY 1""",
    }


async def reference(connexion: asyncpg.Connection, requetes: dict[str, str]) -> dict[str, list[asyncpg.Record]]:
    return {nom: await connexion.fetch(requete) for nom, requete in requetes.items()}


# --- The hub -----------------------------------------------------------------------------------------


class Moteur:
    """The hub's engine as :mod:`hub.core.stats` exposes it, or why it cannot be measured."""

    def __init__(self) -> None:
        self.calculer: Callable[..., Awaitable[Any]] | None = None
        self.rafraichir: Callable[..., Awaitable[Any]] | None = None
        self.variantes: list[bool] = []
        self.absent = ""
        try:
            import hub.core.stats as module
        except Exception as erreur:  # noqa: BLE001  (any import error: the engine is not ready)
            self.absent = f"import de hub.core.stats impossible ({type(erreur).__name__}: {erreur})"
            return
        self.calculer = getattr(module, "calculer_statistiques", None)
        if self.calculer is None:
            self.absent = "hub.core.stats n'exporte pas (encore) calculer_statistiques"
            return
        self.variantes = [True, False] if "cumuls" in inspect.signature(self.calculer).parameters else [False]
        self.rafraichir = None
        if True in self.variantes:
            for nom_module in ("hub.core.stats", "hub.core.stats.cumuls", "hub.core.stats.cumuls.calcul"):
                try:
                    candidat = getattr(importlib.import_module(nom_module), "rafraichir_cumuls", None)
                except ImportError:
                    continue
                if callable(candidat):
                    self.rafraichir = candidat
                    break
            else:
                self.absent = "calculer_statistiques(cumuls=True) existe mais aucun rafraichir_cumuls n'est trouvé"
                self.calculer = None

    async def rafraichir_cumuls(self, hub: Hub) -> Any:
        """Run the rollup's refresh as the job does (with the hub, or in a session of its own)."""
        assert self.rafraichir is not None
        premier = next(iter(inspect.signature(self.rafraichir).parameters))
        if premier == "hub":
            return await self.rafraichir(hub)
        async with hub.session() as session, session.begin():
            return await self.rafraichir(session)

    async def appeler(self, hub: Hub, cas: Cas, filtres: FiltresActivites, aujourd_hui: date, cumuls: bool) -> Any:
        assert self.calculer is not None
        options = {"cumuls": cumuls} if self.variantes != [False] else {}
        async with hub.session() as session:
            return await self.calculer(session, cas.portee, filtres, aujourd_hui=aujourd_hui, **options)


# --- Measures ------------------------------------------------------------------------------------------


async def chronometrer(
    fonction: Callable[[], Awaitable[Any]], repetitions: int, budget: float
) -> tuple[list[float], Any]:
    """``repetitions`` timed runs after a warm-up one (plans, caches, connection), in ms; fewer
    (at least 3) when they take more than ``budget`` seconds in all."""
    resultat = await fonction()
    durees: list[float] = []
    while len(durees) < repetitions and (len(durees) < 3 or sum(durees) < budget * 1000):
        debut = time.perf_counter()
        resultat = await fonction()
        durees.append((time.perf_counter() - debut) * 1000)
    return durees, resultat


def mediane_p95(durees: list[float]) -> tuple[float, float]:
    ordonnees = sorted(durees)
    return statistics.median(ordonnees), ordonnees[max(0, math.ceil(0.95 * len(ordonnees)) - 1)]


async def mesurer(url_texte: str, parametres_voulus: Parametres, fin_imposee: bool, arguments: argparse.Namespace,
                  dossier: Path) -> int:  # fmt: skip
    url = make_url(url_texte)
    if url.database in BASES_INTERDITES:
        sys.exit(f"Base {url.database!r} refusée : le benchmark recrée sa base, donnez-lui une base à lui.")
    parametres, _ = await preparer(url, url_texte, parametres_voulus, fin_imposee, arguments.regenerer, dossier)
    hub = Hub.create(load_settings({}, database_url=url_texte, data_dir=str(dossier)), autoload=False)
    connexion = await connecter(url)
    code = 0
    try:
        await hub.migrate()  # a kept database gets the migrations written since it was generated
        print(f"Données : {await decrire_donnees(connexion)}.")
        periodes = periodes_mesurees(parametres.fin)
        aujourd_hui = parametres.fin + timedelta(days=1)
        cas_mesures = await choisir_cas(hub, connexion, *periodes[ANNEE_CIVILE])
        moteur = Moteur()
        if moteur.rafraichir is not None:
            debut = time.perf_counter()
            bilan = await moteur.rafraichir_cumuls(hub)
            print(f"Cumuls rafraîchis ({moteur.rafraichir.__module__}.{moteur.rafraichir.__name__}) en "
                  f"{time.perf_counter() - debut:.1f} s : {bilan}.")  # fmt: skip
        print(f"Périodes : {', '.join(f'{nom} du {du} au {au}' for nom, (du, au) in periodes.items())} ; "
              f"{arguments.repeat} mesures après un tour d'échauffement ; PostgreSQL "
              f"{await connexion.fetchval('SHOW server_version')}, {os.cpu_count()} cœurs ; charge de la machine "
              f"{_charge()}.")  # fmt: skip
        lignes, ecarts = [], []
        for nom_periode, (du, au) in periodes.items():
            print(f"{nom_periode} :")
            filtres = FiltresActivites(du=du, au=au)
            for cas in cas_mesures:
                print(f"- {cas.nom} : {cas.description}")
                requetes = requetes_reference(cas.condition, du, au)
                durees_ref, resultats_ref = await chronometrer(
                    lambda r=requetes: reference(connexion, r), arguments.repeat, arguments.budget
                )
                ref = resultats_ref["totaux"][0]["accompagnements"], resultats_ref["bénéficiaires"][0]["total"]
                med_ref, p95_ref = mediane_p95(durees_ref)
                if moteur.calculer is None:
                    lignes.append((nom_periode, cas.nom, "absent", None, None, med_ref, p95_ref, f"-/{len(durees_ref)}"))
                    continue
                for cumuls in moteur.variantes:
                    try:
                        durees_hub, stats = await chronometrer(
                            lambda c=cas, v=cumuls, f=filtres: moteur.appeler(hub, c, f, aujourd_hui, v),
                            arguments.repeat, arguments.budget,
                        )
                    except Exception as erreur:  # noqa: BLE001  (the engine is being written: say it, measure the rest)
                        ecarts.append(f"{nom_periode}, {cas.nom} (cumuls={cumuls}) : le hub échoue : "
                                      f"{type(erreur).__name__}: {str(erreur).splitlines()[0]}")  # fmt: skip
                        continue
                    variante = ("cumuls" if cumuls else "sans cumuls") if len(moteur.variantes) > 1 else "hub"
                    obtenu = stats.accompagnements.total, stats.beneficiaires.total
                    if obtenu != ref:
                        ecarts.append(f"{nom_periode}, {cas.nom} ({variante}) : hub {obtenu} ≠ référence {ref} "
                                      "(accompagnements, bénéficiaires)")  # fmt: skip
                    lignes.append((nom_periode, cas.nom, variante, *mediane_p95(durees_hub), med_ref, p95_ref,
                                   f"{len(durees_hub)}/{len(durees_ref)}", obtenu == ref))
                print(f"  accompagnements {_n(ref[0])}, bénéficiaires {_n(ref[1])} (référence)")
        imprimer_tableau(lignes)
        print(f"Charge de la machine à la fin des mesures : {_charge()} (d'autres processus faussent les durées).")
        for ecart in ecarts:
            print(f"ÉCHEC : {ecart}")
        if moteur.calculer is None:
            print(f"\nLe hub n'est pas mesuré : {moteur.absent}.")
            code = 2
        elif ecarts:
            code = 1
    finally:
        await connexion.close()
        await hub.shutdown()
    if arguments.keep:
        print(f"\nBase gardée : {url_texte}\nPour la réutiliser (génération sautée) : .venv/bin/python "
              f"benchmarks/stats.py --database-url {url_texte} --accompagnements {parametres.accompagnements} "
              f"--graine {parametres.graine} --keep")  # fmt: skip
    else:
        await recreer_base(url, supprimer_seulement=True)
        print(f"\nBase {url.database!r} supprimée (--keep pour la garder).")
    return code


def imprimer_tableau(lignes: list[tuple]) -> None:
    print()
    entete = ("période", "portée", "variante", "hub méd.", "hub p95", "réf. méd.", "réf. p95", "hub/réf.", "objectif", "atteint",
              "chiffres", "mesures")  # fmt: skip
    largeurs = (18, 10, 12, 9, 9, 10, 9, 9, 9, 8, 9, 7)
    print("  ".join(titre.ljust(largeur) for titre, largeur in zip(entete, largeurs, strict=True)))
    for periode, nom, variante, med_hub, p95_hub, med_ref, p95_ref, mesures, *justes in lignes:
        objectif = OBJECTIFS_MS[nom]
        if med_hub is None:
            cellules = (periode, nom, variante, "—", "—", f"{med_ref:.1f}", f"{p95_ref:.1f}", "—", f"< {objectif:.0f}", "—", "—",
                        mesures)  # fmt: skip
        else:
            cellules = (periode, nom, variante, f"{med_hub:.1f}", f"{p95_hub:.1f}", f"{med_ref:.1f}", f"{p95_ref:.1f}",
                        f"{med_hub / med_ref:.2f}", f"< {objectif:.0f}", "oui" if med_hub < objectif else "non",
                        "justes" if justes[0] else "FAUX", mesures)  # fmt: skip
        print("  ".join(str(cellule).ljust(largeur) for cellule, largeur in zip(cellules, largeurs, strict=True)))
    print("(durées en ms ; objectif : médiane du hub ; chiffres : accompagnements et bénéficiaires du hub = référence ;"
          " mesures : hub/référence)")


def _charge() -> str:
    return " / ".join(f"{valeur:.2f}" for valeur in os.getloadavg()) + " (1, 5, 15 min)"


def _n(valeur: int) -> str:
    return f"{valeur:,}".replace(",", " ")


def main() -> None:
    parametres = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parametres.add_argument("--database-url", default=os.environ.get("HUB_BENCH_DATABASE_URL", URL_PAR_DEFAUT),
                            help=f"base PostgreSQL du benchmark ({URL_PAR_DEFAUT})")  # fmt: skip
    parametres.add_argument("--accompagnements", type=int, default=1_000_000, help="taille du jeu (1 000 000)")
    parametres.add_argument("--graine", type=int, default=GRAINE, help=f"graine des tirages ({GRAINE})")
    parametres.add_argument("--fin", type=date.fromisoformat, default=None,
                            help="dernier jour des données (AAAA-MM-JJ ; défaut : hier, ou celui du jeu gardé)")
    parametres.add_argument("--repeat", type=int, default=20, help="mesures par portée (20)")
    parametres.add_argument("--budget", type=float, default=60.0,
                            help="secondes de mesure par portée et variante (60 ; au moins 3 mesures)")
    parametres.add_argument("--keep", action="store_true", help="garder la base remplie à la fin")
    parametres.add_argument("--regenerer", action="store_true", help="regénérer même si le jeu est déjà là")
    parametres.add_argument("--delai", type=float, default=3600.0, help="durée maximale en secondes (3600)")
    arguments = parametres.parse_args()
    fin = arguments.fin or date.today() - timedelta(days=1)
    voulu = Parametres(arguments.accompagnements, arguments.graine, fin)
    with tempfile.TemporaryDirectory(prefix="bench-stats-") as dossier:
        code = asyncio.run(asyncio.wait_for(
            mesurer(arguments.database_url, voulu, arguments.fin is not None, arguments, Path(dossier)),
            arguments.delai,
        ))  # fmt: skip
    sys.exit(code)


if __name__ == "__main__":
    main()
