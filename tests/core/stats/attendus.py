"""Hand-computed expectations of a whole :class:`~hub.core.stats.Statistiques`, and their check.

An :class:`Attendu` holds every figure of every section as literals (see ``test_portees.py``):
the breakdowns over an enumeration give only their non-zero values (every other value must be
there too, in the enumeration's order, with 0 and 0 %); the sorted breakdowns (tags, lieux,
communes) give their whole list, in order. :func:`verifier` reshapes the statistics the same way
(nothing is computed here) and lists every section that differs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from hub.core.activites.durees import TRANCHES
from hub.core.activites.enums import MATERIELS, TYPES_ACTIVITE, TYPES_LIEU
from hub.core.activites.thematiques import DEMARCHES_ADMINISTRATIVES, MEDIATION_NUMERIQUE
from hub.core.beneficiaires.enums import GENRES, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.stats import Part, Statistiques

Repartition = dict[str, tuple[int, float]]
Liste = list[tuple[str, str, int, float]]

ENUMERATIONS: dict[str, dict[str, str]] = {
    "thematiques_mediation": MEDIATION_NUMERIQUE,
    "thematiques_demarches": DEMARCHES_ADMINISTRATIVES,
    "materiel": MATERIELS,
    "canaux": TYPES_LIEU,
    "durees": {tranche.cle: tranche.libelle for tranche in TRANCHES},
    "genres": GENRES,
    "tranches_age": TRANCHES_AGE,
    "statuts": STATUTS_SOCIAUX,
}
TRIEES = ("tags", "lieux", "communes", "communes_beneficiaires")


@dataclass(frozen=True, kw_only=True)
class Attendu:
    """Every figure of one :class:`Statistiques`.

    - ``periode``: ``(du, au)`` as filtered;
    - ``accompagnements``: ``(total, individuels, collectifs)``;
    - ``activites``: ``(total, individuels, collectifs, démarches)``;
    - ``beneficiaires``: ``(total, nouveaux, suivis, anonymes)``;
    - ``types``: ``((activités, accompagnements, %) individuel, (…) collectif)``;
    - ``mois``: ``(first label, last label, {label: accompagnements})`` of the 12 buckets, the
      others 0; ``jours``: ``(first day, last day, {day: accompagnements})`` of the 30 buckets;
    - enumerations (thématiques, matériel, canaux, durées — keys ``30``, ``60``, ``120``,
      ``plus`` —, genres, tranches d'âge, statuts): ``{valeur: (nombre, %)}`` of the non-zero ones;
    - ``tags`` and ``lieux``: ``[(key in the data set, libellé, nombre, %)]``; ``communes`` and
      ``communes_beneficiaires``: ``[(code INSEE or non_communique, libellé, nombre, %)]``, in order.
    """

    periode: tuple[date | None, date | None]
    accompagnements: tuple[int, int, int]
    activites: tuple[int, int, int, int]
    beneficiaires: tuple[int, int | None, int, int]
    types: tuple[tuple[int, int, float], tuple[int, int, float]]
    mois: tuple[str, str, dict[str, int]]
    jours: tuple[date, date, dict[date, int]]
    thematiques_mediation: Repartition
    thematiques_demarches: Repartition
    tags: Liste
    materiel: Repartition
    canaux: Repartition
    durees: Repartition
    lieux: Liste
    communes: Liste
    genres: Repartition
    tranches_age: Repartition
    statuts: Repartition
    communes_beneficiaires: Liste


def _enumeration(parts: list[Part], libelles: dict[str, str]) -> Repartition | str:
    """The non-zero values, once checked that every value is listed in order with its label
    and that the zeros are 0 %; else a description of what is wrong."""
    if [(part.valeur, part.libelle) for part in parts] != list(libelles.items()):
        return f"values or labels not in the enumeration's order: {[(p.valeur, p.libelle) for p in parts]}"
    zeros = [(part.valeur, part.proportion) for part in parts if not part.nombre and part.proportion]
    if zeros:
        return f"a zero with a proportion: {zeros}"
    return {part.valeur: (part.nombre, part.proportion) for part in parts if part.nombre}


def vue(stats: Statistiques, cles: dict[str, str]) -> dict[str, Any]:
    """``stats`` in the shape of an :class:`Attendu`; ``cles``: id → key in the data set (tags, lieux)."""
    mois = [(point.libelle, point.nombre) for point in stats.par_mois]
    jours = [(point.debut, point.nombre) for point in stats.par_jour]
    acc, act, ben = stats.accompagnements, stats.activites, stats.beneficiaires
    obtenu: dict[str, Any] = {
        "periode": (stats.du, stats.au),
        "accompagnements": (acc.total, acc.individuels, acc.collectifs),
        "activites": (act.total, act.individuels, act.collectifs, act.demarches),
        "beneficiaires": (ben.total, ben.nouveaux, ben.suivis, ben.anonymes),
        "types": (
            tuple((t.activites, t.accompagnements, t.proportion) for t in stats.types)
            if [(t.valeur, t.libelle) for t in stats.types] == list(TYPES_ACTIVITE.items())
            else f"types not in order: {stats.types}"
        ),
        "mois": (
            (mois[0][0], mois[-1][0], {libelle: nombre for libelle, nombre in mois if nombre})
            if len(mois) == 12
            else f"{len(mois)} months"
        ),
        "jours": (
            (jours[0][0], jours[-1][0], {jour: nombre for jour, nombre in jours if nombre})
            if len(jours) == 30
            else f"{len(jours)} days"
        ),
    }
    for section, libelles in ENUMERATIONS.items():
        obtenu[section] = _enumeration(getattr(stats, section), libelles)
    for section in TRIEES:
        obtenu[section] = [
            (cles.get(part.valeur, part.valeur), part.libelle, part.nombre, part.proportion)
            for part in getattr(stats, section)
        ]
    return obtenu


def ecarts(stats: Statistiques, attendu: Attendu, cles: dict[str, str]) -> dict[str, tuple[Any, Any]]:
    """Each section of ``stats`` that differs from ``attendu``: ``{section: (expected, got)}``."""
    obtenu = vue(stats, cles)
    return {
        section: (valeur, obtenu[section]) for section, valeur in asdict(attendu).items() if obtenu[section] != valeur
    }


def verifier(stats: Statistiques, attendu: Attendu, cles: dict[str, str], *, mode: str = "") -> None:
    """Every section of ``stats`` equals ``attendu``; ``mode`` names the calculation in the message."""
    differents = ecarts(stats, attendu, cles)
    assert not differents, f"{mode}:\n" + "\n".join(
        f"{section}: expected {a!r}, got {b!r}" for section, (a, b) in differents.items()
    )
