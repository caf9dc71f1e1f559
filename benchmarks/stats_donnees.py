"""The data set of ``benchmarks/stats.py``: mediators, teams, lieux, bénéficiaires, activities and
their accompagnements, written straight into the real tables of a migrated PostgreSQL database.

Small tables (users, mediators, coordinators, structures, jobs, lieux, teams, tags) are drawn in
Python (``random.Random(graine)``) and written with ``COPY``; the large ones (activities,
accompagnements, bénéficiaires, tags of activities) are computed by PostgreSQL itself, with
``INSERT … SELECT`` over ``generate_series`` and a seeded hash (``hashint8extended``) in place
of ``random()``: the same parameters always give the same rows, ids included.

Shape of the data (``accompagnements`` = N, 1 000 000 by default):

- N / 500 mediators (2 000), each employed by one of N / 2 500 employers (400) spread over the
  101 départements, working at 1 to 3 of the 4 lieux d'activité of their employer's area;
  activities per mediator skewed (a few very active ones, a median around 120 a year);
- coordinators with teams of about 30 (90 % of the mediators in a team; 10 % of the
  memberships ended during the period, half of those people joined another team);
- about N / 1.66 activities over 730 days ending ``fin``: 85 % individual, 15 % workshops of 2
  to 9 participants; 1 % deleted (their accompagnements and anonymous bénéficiaires gone, their
  ``accompagnements_count`` kept, as the hub does); thematiques, matériel, canal, durée, lieu or
  commune, autonomie, orientation, niveau as the CRA forms give them; 20 % tagged;
- 10 % of the bénéficiaires followed (about 4 accompagnements each, within their mediator's:
  31 % of the accompagnements), with genre, birth year, status, commune; 90 % anonymous, one
  per accompagnement; « premier accompagnement » on each followed bénéficiaire's earliest
  accompagnement (date, creation, id), on 80 % of the anonymous ones (« pas déjà accompagné »);
- every counter (activities, bénéficiaires, mediators, lieux) consistent with the rows.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time as heure, timedelta

import asyncpg

from hub.core.activites.thematiques import AIDE_AUX_DEMARCHES, DEMARCHES_ADMINISTRATIVES, MEDIATION_NUMERIQUE
from hub.core.structures.normalisation import texte_recherche

VERSION = 1  # bump when the shape of the data changes: a kept database is then generated again
JOURS = 730
DEPARTEMENTS = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
COMMUNES_PAR_DEPARTEMENT = 40
LIEUX_PAR_EMPLOYEUR = 4
TAILLE_EQUIPE = 30
REUTILISATION_SUIVIS = 4  # accompagnements per followed bénéficiaire, on average
PART_SUIVIS = 0.31  # of the accompagnements: followed bénéficiaires are then 10 % of all
PART_COLLECTIFS = 0.15
PART_SUPPRIMEES = 0.01
PARTICIPANTS_MOYENS = 5.5  # workshops: 2 to 9 participants


@dataclass(frozen=True)
class Parametres:
    accompagnements: int
    graine: int
    fin: date

    @property
    def debut(self) -> date:
        return self.fin - timedelta(days=JOURS - 1)

    @property
    def mediateurs(self) -> int:
        return max(30, self.accompagnements // 500)

    @property
    def employeurs(self) -> int:
        return max(6, self.mediateurs // 5)

    @property
    def coordinateurs(self) -> int:
        return max(1, round(self.mediateurs * 0.9 / TAILLE_EQUIPE))

    @property
    def activites(self) -> int:
        par_activite = (1 - PART_COLLECTIFS) + PART_COLLECTIFS * PARTICIPANTS_MOYENS
        return max(1, round(self.accompagnements / (par_activite * (1 - PART_SUPPRIMEES))))

    def metadonnees(self) -> dict[str, object]:
        return {"version": VERSION, "accompagnements": self.accompagnements, "graine": self.graine,
                "fin": self.fin.isoformat()}  # fmt: skip


def _uuid(rnd: random.Random) -> str:
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


async def generer(connexion: asyncpg.Connection, parametres: Parametres, journal=print) -> None:
    """Fill the (empty, migrated) database of ``connexion`` with the data set of ``parametres``."""
    debut_generation = time.perf_counter()

    def etape(message: str) -> None:
        journal(f"  [{time.perf_counter() - debut_generation:6.1f} s] {message}")

    rnd = random.Random(parametres.graine)
    await _petites_tables(connexion, parametres, rnd)
    etape("personnes, structures, équipes, tags")
    await _fonctions(connexion, parametres)
    for message, requete in _grandes_tables(parametres):
        await connexion.execute(requete)
        if message:
            etape(message)
    await connexion.execute("ANALYZE")
    etape("ANALYZE")


# --- Small tables, drawn in Python ----------------------------------------------------------------


async def _petites_tables(connexion: asyncpg.Connection, p: Parametres, rnd: random.Random) -> None:
    avant = datetime.combine(p.debut, heure(8), tzinfo=UTC) - timedelta(days=400)
    communes = []  # (departement index, j, code insee, nom, code postal)
    for d, dep in enumerate(DEPARTEMENTS):
        for j in range(COMMUNES_PAR_DEPARTEMENT):
            insee = dep + f"{j * 7 + 1 if len(dep) == 2 else j + 1:0{5 - len(dep)}d}"
            postal = ("20" if dep in ("2A", "2B") else dep[:2]) + f"{j * 10 + 100:03d}"
            communes.append((d, j, insee, f"Commune {insee}", postal))
    structures = []
    employeurs = []  # (id, département index, commune)
    for e in range(p.employeurs):
        d = rnd.randrange(len(DEPARTEMENTS))
        commune = communes[d * COMMUNES_PAR_DEPARTEMENT + rnd.randrange(COMMUNES_PAR_DEPARTEMENT)]
        ident = _uuid(rnd)
        employeurs.append((ident, d, commune))
        structures.append(_structure(ident, f"Employeur {e + 1} de {commune[3]}", commune, avant, rnd, siret=True))
    lieux = []  # lieux[e] = the ids of the lieux of the employer e's area (same département)
    for e, (_, d, _) in enumerate(employeurs):
        ids = []
        for k in range(LIEUX_PAR_EMPLOYEUR):
            commune = communes[d * COMMUNES_PAR_DEPARTEMENT + rnd.randrange(COMMUNES_PAR_DEPARTEMENT)]
            ident = _uuid(rnd)
            nom = rnd.choice(["Médiathèque", "France Services", "Centre social", "Mairie", "Tiers-lieu"])
            structures.append(_structure(ident, f"{nom} {e + 1}-{k + 1} de {commune[3]}", commune, avant, rnd))
            ids.append(ident)
        lieux.append(ids)

    users, mediateurs, coordinateurs, emplois, en_activite, g_med = [], [], [], [], [], []
    for m in range(1, p.mediateurs + 1):
        user_id, mediateur_id = _uuid(rnd), _uuid(rnd)
        conum = rnd.random() < 0.6
        creation = avant + timedelta(days=rnd.randrange(300))
        users.append(_user(user_id, f"mediateur.{m}@bench.exemple.fr", f"Médiateur{m}", conum, creation,
                           "conseiller-numerique" if conum else "mediateur"))  # fmt: skip
        mediateurs.append((mediateur_id, user_id, rnd.random() < 0.5, creation, creation, 0, 0, 0))
        e = rnd.randrange(p.employeurs)
        emplois.append((_uuid(rnd), user_id, employeurs[e][0], creation, None, creation, creation))
        mes_lieux = rnd.sample(lieux[e], rnd.choice([1, 1, 2, 2, 3]))
        for lieu in mes_lieux:
            en_activite.append((_uuid(rnd), mediateur_id, lieu, creation, None, creation, creation))
        g_med.append([m, mediateur_id, employeurs[e][0], employeurs[e][1], *employeurs[e][2][2:5], mes_lieux, [], None])
    membres: list[tuple[int, int, datetime, datetime | None]] = []  # (mediator index, coordinator, start, end)
    ordre = list(range(p.mediateurs))
    rnd.shuffle(ordre)
    en_equipe = ordre[: round(p.mediateurs * 0.9)]
    for rang, index in enumerate(en_equipe):
        c = rang % p.coordinateurs
        debut_membre = avant + timedelta(days=rnd.randrange(300 + JOURS // 2))
        fin_membre = None
        if rnd.random() < 0.1:
            fin_membre = datetime.combine(p.debut, heure(10), tzinfo=UTC) + timedelta(days=rnd.randrange(JOURS))
            fin_membre = max(fin_membre, debut_membre + timedelta(days=30))
            if rnd.random() < 0.5 and p.coordinateurs > 1:
                autre = (c + 1 + rnd.randrange(p.coordinateurs - 1)) % p.coordinateurs
                membres.append((index, autre, fin_membre + timedelta(days=1), None))
        membres.append((index, c, debut_membre, fin_membre))
    coordination, tags, equipes = [], [], {}
    for c in range(p.coordinateurs):
        user_id, coordinateur_id = _uuid(rnd), _uuid(rnd)
        creation = avant + timedelta(days=rnd.randrange(200))
        users.append(_user(user_id, f"coordinateur.{c + 1}@bench.exemple.fr", f"Coordinateur{c + 1}", True, creation,
                           "coordinateur-conseiller-numerique"))  # fmt: skip
        coordinateurs.append((coordinateur_id, user_id, creation, creation))
        e = rnd.randrange(p.employeurs)
        emplois.append((_uuid(rnd), user_id, employeurs[e][0], creation, None, creation, creation))
        tag_equipe = _uuid(rnd)
        tags.append((tag_equipe, f"Projet d'équipe {c + 1}", None, None, coordinateur_id, None, True, creation))
        equipes[c] = (coordinateur_id, tag_equipe)
    for index, c, debut_membre, fin_membre in membres:
        coordination.append((_uuid(rnd), g_med[index][1], equipes[c][0], debut_membre, fin_membre))
        if fin_membre is None:
            g_med[index][9] = equipes[c][1]
    for n in range(10):
        tags.append((_uuid(rnd), f"Dispositif national {n + 1}", "Tag national", None, None, None, False, avant))
    for dep in DEPARTEMENTS[:20]:
        tags.append((_uuid(rnd), f"Plan départemental {dep}", None, None, None, dep, False, avant))
    for ligne in g_med:
        if rnd.random() < 0.3:
            for n in range(2):
                ident = _uuid(rnd)
                tags.append((ident, f"Mon tag {n + 1}", None, ligne[1], None, None, False, avant))
                ligne[8].append(ident)

    await connexion.copy_records_to_table(
        "users", records=users,
        columns=["id", "email", "prenom", "nom", "role", "is_conseiller_numerique", "is_fixture", "timezone",
                 "profil_inscription", "acceptation_cgu", "structure_employeuse_renseignee",
                 "lieux_activite_renseignes", "inscription_validee", "creation", "modification"],
    )  # fmt: skip
    await connexion.copy_records_to_table(
        "structures", records=structures,
        columns=["id", "visible_pour_cartographie_nationale", "nom", "adresse", "commune", "code_postal",
                 "code_insee", "siret", *_JSON_STRUCTURES, "recherche", "derniere_modification_source",
                 "creation", "modification", "activites_count"],
    )  # fmt: skip
    await connexion.copy_records_to_table(
        "mediateurs", records=mediateurs,
        columns=["id", "user_id", "is_visible", "creation", "modification", "activites_count",
                 "accompagnements_count", "beneficiaires_count"],
    )  # fmt: skip
    await connexion.copy_records_to_table(
        "coordinateurs", records=coordinateurs, columns=["id", "user_id", "creation", "modification"]
    )
    await connexion.copy_records_to_table(
        "employes_structures", records=emplois,
        columns=["id", "user_id", "structure_id", "debut", "fin", "creation", "modification"],
    )  # fmt: skip
    await connexion.copy_records_to_table(
        "mediateurs_en_activite", records=en_activite,
        columns=["id", "mediateur_id", "structure_id", "debut", "fin", "creation", "modification"],
    )  # fmt: skip
    await connexion.copy_records_to_table(
        "mediateurs_coordonnes", records=coordination,
        columns=["id", "mediateur_id", "coordinateur_id", "creation", "suppression"],
    )  # fmt: skip
    await connexion.copy_records_to_table(
        "tags", records=[(*tag[:7], tag[7], tag[7]) for tag in tags],
        columns=["id", "nom", "description", "mediateur_id", "coordinateur_id", "departement", "equipe",
                 "creation", "modification"],
    )  # fmt: skip
    nationaux = [tag[0] for tag in tags if tag[1].startswith("Dispositif national")]
    await connexion.execute(
        """
        CREATE TEMP TABLE g_commune (d int, j int, code_insee text, nom text, code_postal text);
        CREATE TEMP TABLE g_med (m int PRIMARY KEY, id text, employeur text, d int, emp_insee text,
            emp_commune text, emp_postal text, lieux text[], tags_perso text[], tag_equipe text);
        CREATE TEMP TABLE g_tags_nationaux (n int PRIMARY KEY, id text);
        """
    )
    await connexion.copy_records_to_table("g_commune", records=communes)
    await connexion.copy_records_to_table("g_med", records=[tuple(ligne) for ligne in g_med])
    await connexion.copy_records_to_table("g_tags_nationaux", records=list(enumerate(nationaux)))
    await connexion.execute("ANALYZE g_commune; ANALYZE g_med; ANALYZE g_tags_nationaux")


_JSON_STRUCTURES = [
    "typologies", "courriels", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
    "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels",
    "itinerance", "modalites_acces", "modalites_accompagnement",
]  # fmt: skip


def _structure(ident: str, nom: str, commune: tuple, creation: datetime, rnd: random.Random, *, siret: bool = False):
    numero_siret = f"{rnd.randrange(10**13, 10**14)}" if siret else None
    _, _, insee, nom_commune, postal = commune
    recherche = texte_recherche({"nom": nom, "commune": nom_commune, "code_postal": postal, "siret": numero_siret})
    return (ident, not siret, nom, f"{rnd.randrange(1, 120)} rue de la République", nom_commune, postal, insee,
            numero_siret, *(["[]"] * len(_JSON_STRUCTURES)), recherche, "bench", creation, creation, 0)  # fmt: skip


def _user(ident: str, email: str, nom: str, conum: bool, creation: datetime, profil: str):
    return (ident, email, "Camille", nom, "user", conum, False, "Europe/Paris", profil, creation, creation, creation,
            creation, creation, creation)  # fmt: skip


# --- Large tables, computed by PostgreSQL ----------------------------------------------------------


async def _fonctions(connexion: asyncpg.Connection, p: Parametres) -> None:
    """``pg_temp.h(n, k)``: a seeded uniform draw in [0, 1) for the row ``n`` and the purpose
    ``k``; ``pg_temp.u(k, n)``: a seeded uuid."""
    await connexion.execute(
        f"""
        CREATE FUNCTION pg_temp.h(n bigint, k int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $$ SELECT ((hashint8extended(n, {p.graine}::bigint * 1000 + k) >> 11) & 9007199254740991)::float8
                  / 9007199254740992.0 $$;
        CREATE FUNCTION pg_temp.u(k int, n bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $$ SELECT md5('{p.graine}:' || k || ':' || n)::uuid::text $$;
        """
    )


def _tableau(valeurs) -> str:
    return "ARRAY[" + ", ".join(f"'{valeur}'" for valeur in valeurs) + "]::text[]"


def _grandes_tables(p: Parametres) -> list[tuple[str, str]]:
    mediation = [t for t in MEDIATION_NUMERIQUE if t != AIDE_AUX_DEMARCHES]  # most frequent first
    administratives = list(DEMARCHES_ADMINISTRATIVES)
    debut = p.debut.isoformat()
    return [
        ("", f"""
        CREATE TEMP TABLE g_act AS
        SELECT i, m, coll, jour, supprimee, id,
               (jour + time '07:30' + pg_temp.h(i, 6) * interval '11 hours') AT TIME ZONE 'Europe/Paris' AS creation,
               CASE WHEN coll THEN 2 + floor(pg_temp.h(i, 5) * 8)::int ELSE 1 END AS k
        FROM (
            SELECT i,
                   1 + least({p.mediateurs - 1}, floor({p.mediateurs} * power(pg_temp.h(i, 1), 1.6))::int) AS m,
                   pg_temp.h(i, 2) < {PART_COLLECTIFS} AS coll,
                   DATE '{debut}' + floor(pg_temp.h(i, 3) * {JOURS})::int AS jour,
                   pg_temp.h(i, 4) < {PART_SUPPRIMEES} AS supprimee,
                   pg_temp.u(10, i) AS id
            FROM generate_series(1, {p.activites}) AS i
        ) AS tirage
        """),
        # One row per participant slot; a followed slot points to one of its mediator's followed
        # bénéficiaires (pool of about a quarter of the mediator's followed slots).
        ("", f"""
        CREATE TEMP TABLE g_slot AS
        SELECT a.i, s, a.i * 16 + s AS n, a.m, pg_temp.h(a.i * 16 + s, 7) < {PART_SUIVIS} AS suivi
        FROM g_act a, generate_series(1, a.k) AS s
        """),
        ("", f"""
        CREATE TEMP TABLE g_pool AS
        SELECT m, greatest(1, ceil(count(*) FILTER (WHERE suivi) / {REUTILISATION_SUIVIS}.0))::int AS taille
        FROM g_slot GROUP BY m
        """),
        ("", """
        CREATE TEMP TABLE g_acc AS
        SELECT DISTINCT ON (i, b) i, n, suivi, b FROM (
            SELECT s.i, s.n, s.suivi,
                   CASE WHEN s.suivi THEN s.m::bigint * 1000000 + floor(pg_temp.h(s.n, 8) * p.taille)::bigint
                        ELSE 10000000000 + s.n END AS b
            FROM g_slot s JOIN g_pool p USING (m)
        ) AS tirage
        ORDER BY i, b, n
        """),
        ("", """
        CREATE TEMP TABLE g_compte AS SELECT i, count(*)::int AS nombre FROM g_acc GROUP BY i;
        DELETE FROM g_acc USING g_act WHERE g_act.i = g_acc.i AND g_act.supprimee;
        CREATE INDEX ON g_act (i); ANALYZE g_act; ANALYZE g_acc; ANALYZE g_compte
        """),
        ("tirages (activités, participants)", f"""
        CREATE TEMP TABLE g_activite AS
        SELECT a.i, a.id, a.m, a.coll, a.jour, a.creation, a.supprimee, c.nombre, med.id AS mediateur_id,
               med.employeur, med.d, med.emp_insee, med.emp_commune, med.emp_postal, med.lieux,
               CASE WHEN a.coll THEN
                    CASE WHEN pg_temp.h(a.i, 10) < 0.85 THEN 'lieu_activite' ELSE 'autre' END
                    ELSE CASE WHEN pg_temp.h(a.i, 10) < 0.60 THEN 'lieu_activite'
                              WHEN pg_temp.h(a.i, 10) < 0.75 THEN 'domicile'
                              WHEN pg_temp.h(a.i, 10) < 0.90 THEN 'a_distance' ELSE 'autre' END
               END AS type_lieu,
               ({_tableau(mediation)})[1 + floor(power(pg_temp.h(a.i, 20), 1.5) * {len(mediation)})::int] AS t1,
               CASE WHEN pg_temp.h(a.i, 21) < 0.4 THEN
                    ({_tableau(mediation)})[1 + floor(pg_temp.h(a.i, 22) * {len(mediation)})::int] END AS t2,
               CASE WHEN pg_temp.h(a.i, 23) < 0.1 THEN
                    ({_tableau(mediation)})[1 + floor(pg_temp.h(a.i, 24) * {len(mediation)})::int] END AS t3,
               pg_temp.h(a.i, 25) < 0.25 AS aide,
               ({_tableau(administratives)})[1 + floor(power(pg_temp.h(a.i, 26), 1.3) * {len(administratives)})::int]
                   AS adm1,
               CASE WHEN pg_temp.h(a.i, 27) < 0.3 THEN
                    ({_tableau(administratives)})[1 + floor(pg_temp.h(a.i, 28) * {len(administratives)})::int] END
                   AS adm2
        FROM g_act a JOIN g_compte c USING (i) JOIN g_med med USING (m)
        """),
        ("", "ANALYZE g_activite"),
        ("activités", f"""
        INSERT INTO activites (id, type, mediateur_id, date, duree, notes, accompagnements_count,
            structure_employeuse_id, type_lieu, structure_id, lieu_code_postal, lieu_commune, lieu_code_insee,
            materiel, thematiques, autonomie, oriente_vers_structure, structure_de_redirection,
            precisions_demarche, titre_atelier, niveau, rdv_id, v1_cra_id, creation, modification, suppression)
        SELECT a.id,
               CASE WHEN a.coll THEN 'collectif' ELSE 'individuel' END,
               a.mediateur_id, a.jour,
               CASE WHEN a.coll
                    THEN (ARRAY[60, 90, 90, 120, 120, 120, 150, 180])[1 + floor(pg_temp.h(a.i, 13) * 8)::int]
                    WHEN pg_temp.h(a.i, 13) < 0.95
                    THEN (ARRAY[15, 30, 30, 30, 45, 45, 60, 60, 60, 90, 120])[1 + floor(pg_temp.h(a.i, 14) * 11)::int]
                    ELSE 20 + floor(pg_temp.h(a.i, 14) * 200)::int END,
               CASE WHEN pg_temp.h(a.i, 15) < 0.05 THEN 'Suite à prévoir.' END,
               a.nombre, a.employeur, a.type_lieu,
               CASE WHEN a.type_lieu = 'lieu_activite'
                    THEN a.lieux[1 + floor(pg_temp.h(a.i, 11) * cardinality(a.lieux))::int] END,
               CASE WHEN a.type_lieu = 'a_distance' THEN a.emp_postal ELSE c.code_postal END,
               CASE WHEN a.type_lieu = 'a_distance' THEN a.emp_commune ELSE c.nom END,
               CASE WHEN a.type_lieu = 'a_distance' THEN a.emp_insee ELSE c.code_insee END,
               CASE WHEN a.coll THEN (ARRAY['["ordinateur"]', '["ordinateur"]', '["ordinateur"]', '["tablette"]',
                                            '["ordinateur", "tablette"]', '["aucun"]'])
                                     [1 + floor(pg_temp.h(a.i, 16) * 6)::int]
                    ELSE (ARRAY['["ordinateur"]', '["ordinateur"]', '["telephone"]', '["telephone"]',
                                '["telephone"]', '["tablette"]', '["autre"]', '["aucun"]', '["aucun"]',
                                '["ordinateur", "telephone"]'])[1 + floor(pg_temp.h(a.i, 16) * 10)::int] END::jsonb,
               to_jsonb(array_remove(ARRAY[
                   a.t1,
                   CASE WHEN a.t2 IS DISTINCT FROM a.t1 THEN a.t2 END,
                   CASE WHEN a.t3 IS DISTINCT FROM a.t1 AND a.t3 IS DISTINCT FROM a.t2 THEN a.t3 END,
                   CASE WHEN a.aide THEN '{AIDE_AUX_DEMARCHES}' END,
                   CASE WHEN a.aide THEN a.adm1 END,
                   CASE WHEN a.aide AND a.adm2 IS DISTINCT FROM a.adm1 THEN a.adm2 END
               ], NULL)),
               CASE WHEN NOT a.coll THEN (ARRAY['entierement_accompagne', 'entierement_accompagne',
                    'partiellement_autonome', 'partiellement_autonome', 'autonome'])
                    [1 + floor(pg_temp.h(a.i, 17) * 5)::int] END,
               CASE WHEN NOT a.coll THEN pg_temp.h(a.i, 18) < 0.12 END,
               CASE WHEN NOT a.coll AND pg_temp.h(a.i, 18) < 0.12 THEN (ARRAY['administration', 'mediation_numerique',
                    'operateur_ou_organisme_en_charge', 'aide_sociale', 'insertion_professionnelle',
                    'aide_aux_demarches_administratives', 'autre'])[1 + floor(pg_temp.h(a.i, 19) * 7)::int] END,
               NULL,
               CASE WHEN a.coll THEN 'Atelier ' || a.t1 END,
               CASE WHEN a.coll THEN (ARRAY['debutant', 'debutant', 'debutant', 'intermediaire', 'intermediaire',
                    'avance'])[1 + floor(pg_temp.h(a.i, 29) * 6)::int] END,
               NULL, NULL, a.creation, a.creation,
               CASE WHEN a.supprimee THEN a.creation + interval '2 days' END
        FROM g_activite a
        LEFT JOIN g_commune c ON a.type_lieu IN ('domicile', 'autre') AND c.d = a.d
             AND c.j = floor(pg_temp.h(a.i, 12) * {COMMUNES_PAR_DEPARTEMENT})::int
        ORDER BY a.creation
        """),
        # Accompagnements with their activity's day and creation, the premier flag of followed ones.
        ("", """
        CREATE TEMP TABLE g_acc2 AS
        SELECT g.n, g.b, g.suivi, a.id AS activite_id, a.creation, a.coll, a.m, a.d, a.mediateur_id,
               CASE WHEN g.suivi
                    THEN row_number() OVER (PARTITION BY g.b ORDER BY a.jour, a.creation, a.id) = 1
                    ELSE pg_temp.h(g.n, 30) < 0.8 END AS premier
        FROM g_acc g JOIN g_activite a USING (i)
        """),
        ("", "ANALYZE g_acc2"),
        ("", """
        CREATE TEMP TABLE g_benef AS
        SELECT b, bool_or(suivi) AS suivi, min(creation) AS premiere, count(*)::int AS nombre,
               min(m) AS m, min(d) AS d, min(mediateur_id) AS mediateur_id, bool_or(coll) AS coll
        FROM g_acc2 GROUP BY b
        """),
        ("bénéficiaires", f"""
        INSERT INTO beneficiaires (id, mediateur_id, anonyme, attributions_aleatoires, prenom, nom, telephone,
            pas_de_telephone, email, annee_naissance, adresse, commune, commune_code_postal, commune_code_insee,
            genre, tranche_age, statut_social, notes, date_import, fusion_vers_id, accompagnements_count,
            creation, modification, suppression)
        SELECT pg_temp.u(CASE WHEN t.suivi THEN 31 ELSE 32 END, t.b), t.mediateur_id, NOT t.suivi,
               NOT t.suivi AND t.coll,
               CASE WHEN t.suivi THEN 'Prénom' || t.b % 100000 END,
               CASE WHEN t.suivi THEN 'Nom' || t.b % 1000 END,
               CASE WHEN t.suivi AND pg_temp.h(t.b, 40) < 0.7 THEN '06' || lpad((t.b % 100000000)::text, 8, '0') END,
               t.suivi AND pg_temp.h(t.b, 40) >= 0.9,
               CASE WHEN t.suivi AND pg_temp.h(t.b, 41) < 0.3 THEN 'personne.' || t.b || '@exemple.fr' END,
               t.annee,
               NULL, c.nom, c.code_postal, c.code_insee,
               (ARRAY['feminin', 'feminin', 'feminin', 'feminin', 'feminin', 'masculin', 'masculin', 'masculin',
                      'masculin', 'non_communique'])[1 + floor(pg_temp.h(t.b, 42) * 10)::int],
               CASE WHEN t.annee IS NOT NULL THEN
                    CASE WHEN extract(year FROM t.premiere)::int - t.annee < 12 THEN 'moins_de_douze'
                         WHEN extract(year FROM t.premiere)::int - t.annee < 18 THEN 'douze_dix_huit'
                         WHEN extract(year FROM t.premiere)::int - t.annee < 25 THEN 'dix_huit_vingt_quatre'
                         WHEN extract(year FROM t.premiere)::int - t.annee < 40 THEN 'vingt_cinq_trente_neuf'
                         WHEN extract(year FROM t.premiere)::int - t.annee < 60 THEN 'quarante_cinquante_neuf'
                         WHEN extract(year FROM t.premiere)::int - t.annee < 70 THEN 'soixante_soixante_neuf'
                         ELSE 'soixante_dix_plus' END
                    ELSE (ARRAY['non_communique', 'non_communique', 'moins_de_douze', 'douze_dix_huit',
                                'dix_huit_vingt_quatre', 'vingt_cinq_trente_neuf', 'quarante_cinquante_neuf',
                                'quarante_cinquante_neuf', 'soixante_soixante_neuf', 'soixante_soixante_neuf',
                                'soixante_dix_plus', 'soixante_dix_plus'])[1 + floor(pg_temp.h(t.b, 43) * 12)::int]
               END,
               (ARRAY['retraite', 'retraite', 'retraite', 'en_emploi', 'en_emploi', 'sans_emploi', 'sans_emploi',
                      'scolarise', 'non_communique', 'non_communique'])[1 + floor(pg_temp.h(t.b, 44) * 10)::int],
               NULL, NULL, NULL, t.nombre,
               t.premiere - CASE WHEN t.suivi THEN interval '1 hour' ELSE interval '0' END,
               t.premiere, NULL
        FROM (SELECT g.*, CASE WHEN g.suivi AND pg_temp.h(g.b, 45) < 0.7
                               THEN 1935 + floor(pg_temp.h(g.b, 46) * 75)::int END AS annee
              FROM g_benef g) AS t
        LEFT JOIN g_commune c ON c.d = t.d AND c.j = floor(pg_temp.h(t.b, 47) * {COMMUNES_PAR_DEPARTEMENT})::int
             AND ((t.suivi AND pg_temp.h(t.b, 48) < 0.7) OR (NOT t.suivi AND NOT t.coll AND pg_temp.h(t.b, 48) < 0.3))
        ORDER BY t.premiere
        """),
        ("accompagnements", """
        INSERT INTO accompagnements (id, beneficiaire_id, activite_id, premier_accompagnement, creation)
        SELECT pg_temp.u(40, n), pg_temp.u(CASE WHEN suivi THEN 31 ELSE 32 END, b), activite_id, premier, creation
        FROM g_acc2 ORDER BY creation, n
        """),
        ("tags des activités", """
        INSERT INTO activites_tags (activite_id, tag_id)
        SELECT DISTINCT a.id, t.tag FROM g_activite a
        CROSS JOIN LATERAL (
            SELECT (SELECT id FROM g_tags_nationaux WHERE n = floor(pg_temp.h(a.i, 50) * 10)::int) AS tag
            WHERE pg_temp.h(a.i, 51) < 0.12
            UNION ALL
            SELECT med.tags_perso[1 + floor(pg_temp.h(a.i, 52) * cardinality(med.tags_perso))::int]
            FROM g_med med WHERE med.m = a.m AND cardinality(med.tags_perso) > 0 AND pg_temp.h(a.i, 53) < 0.3
            UNION ALL
            SELECT med.tag_equipe FROM g_med med
            WHERE med.m = a.m AND med.tag_equipe IS NOT NULL AND pg_temp.h(a.i, 54) < 0.08
        ) AS t
        """),
        ("compteurs", """
        UPDATE mediateurs m SET
            activites_count = s.activites, accompagnements_count = s.accompagnements,
            derniere_creation_activite = s.derniere
        FROM (SELECT mediateur_id, count(*) AS activites, sum(accompagnements_count) AS accompagnements,
                     max(creation) AS derniere
              FROM activites WHERE suppression IS NULL GROUP BY mediateur_id) AS s
        WHERE m.id = s.mediateur_id;
        UPDATE mediateurs m SET beneficiaires_count = s.nombre, derniere_creation_beneficiaire = s.derniere
        FROM (SELECT mediateur_id, count(*) AS nombre, max(creation) FILTER (WHERE NOT anonyme) AS derniere
              FROM beneficiaires WHERE suppression IS NULL GROUP BY mediateur_id) AS s
        WHERE m.id = s.mediateur_id;
        UPDATE structures st SET activites_count = s.nombre
        FROM (SELECT structure_id, count(*) AS nombre FROM activites
              WHERE suppression IS NULL AND structure_id IS NOT NULL GROUP BY structure_id) AS s
        WHERE st.id = s.structure_id;
        DROP TABLE g_act, g_slot, g_pool, g_acc, g_compte, g_activite, g_acc2, g_benef, g_commune, g_med,
                   g_tags_nationaux
        """),
    ]


VERIFICATIONS = {
    "accompagnements des activités = lignes d'accompagnements": """
        SELECT (SELECT coalesce(sum(accompagnements_count), 0) FROM activites WHERE suppression IS NULL)
             = (SELECT count(*) FROM accompagnements)""",
    "compteurs des bénéficiaires": """
        SELECT count(*) = 0 FROM beneficiaires b
        LEFT JOIN (SELECT beneficiaire_id, count(*) AS n FROM accompagnements GROUP BY beneficiaire_id) AS s
               ON s.beneficiaire_id = b.id
        WHERE b.accompagnements_count <> coalesce(s.n, 0)""",
    "premier accompagnement des suivis": """
        SELECT count(*) = 0 FROM (
            SELECT ac.premier_accompagnement,
                   row_number() OVER (PARTITION BY ac.beneficiaire_id ORDER BY a.date, a.creation, a.id) AS rang
            FROM accompagnements ac JOIN activites a ON a.id = ac.activite_id
            JOIN beneficiaires b ON b.id = ac.beneficiaire_id WHERE NOT b.anonyme) AS t
        WHERE t.premier_accompagnement <> (t.rang = 1)""",
    "un anonyme par accompagnement": """
        SELECT count(*) = 0 FROM beneficiaires WHERE anonyme AND accompagnements_count <> 1""",
    "bénéficiaires du médiateur de l'activité": """
        SELECT count(*) = 0 FROM accompagnements ac JOIN activites a ON a.id = ac.activite_id
        JOIN beneficiaires b ON b.id = ac.beneficiaire_id WHERE a.mediateur_id <> b.mediateur_id""",
}
