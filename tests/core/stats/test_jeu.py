"""Every figure of every section on the hand-built data set (:mod:`tests.core.stats.jeu`),
computed by hand; each one also read through the national rollup when it applies."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeMediateur, PorteeNationale
from hub.core.activites.thematiques import DEMARCHES_ADMINISTRATIVES, MEDIATION_NUMERIQUE
from hub.core.hub import Hub
from hub.core.stats import Statistiques, calculer_statistiques
from hub.core.stats.cumuls.calcul import rafraichir_cumuls
from tests.core.stats.jeu import Jeu, construire

AUJOURD_HUI = date(2025, 6, 15)
ANNEE = FiltresActivites(du=date(2025, 1, 1), au=date(2025, 12, 31))


@pytest.fixture
async def jeu(hub: Hub) -> Jeu:
    jeu = await construire(hub)
    await rafraichir_cumuls(hub, marge=timedelta(0))
    return jeu


async def statistiques(hub: Hub, portee: Any, filtres: FiltresActivites = ANNEE) -> Statistiques:
    """The statistics, checked identical with and without the rollup."""
    async with hub.session() as session:
        avec = await calculer_statistiques(session, portee, filtres, aujourd_hui=AUJOURD_HUI)
        sans = await calculer_statistiques(session, portee, filtres, aujourd_hui=AUJOURD_HUI, cumuls=False)
    assert avec == sans
    return sans


def comptes(parts: list[Any]) -> dict[str, tuple[int, float]]:
    """``valeur → (nombre, proportion)`` of the values counted."""
    return {part.valeur: (part.nombre, part.proportion) for part in parts if part.nombre}


def tableau(parts: list[Any]) -> list[tuple[str, int, float]]:
    """``(libellé, nombre, proportion)`` in the order given."""
    return [(part.libelle, part.nombre, part.proportion) for part in parts]


async def test_a_mediator_for_a_year_every_section(hub: Hub, jeu: Jeu) -> None:
    stats = await statistiques(hub, PorteeMediateur(jeu["Alice"]))
    # a1…a5 (a6 is in 2024, a7 deleted): a2 is a workshop of 3 followed + 7 anonymous participants.
    assert (stats.du, stats.au) == (ANNEE.du, ANNEE.au)
    assert (stats.accompagnements.total, stats.accompagnements.individuels, stats.accompagnements.collectifs) == (
        14, 4, 10,
    )
    assert (stats.activites.total, stats.activites.individuels, stats.activites.collectifs) == (5, 4, 1)
    assert stats.activites.demarches == 2  # a1, a5
    # Alix (with her merged duplicate), Basile, Cyrille followed; Eden deleted, so anonymised:
    # anonymous with the 7 of a2 and the one of a3.
    assert (stats.beneficiaires.total, stats.beneficiaires.suivis, stats.beneficiaires.anonymes) == (12, 3, 9)
    # Alix (a1), Cyrille (a2), Eden (a5), 5 anonymous of a2 not « déjà accompagnés »; not Basile (a6, 2024).
    assert stats.beneficiaires.nouveaux == 8
    assert [(t.valeur, t.activites, t.accompagnements, t.proportion) for t in stats.types] == [
        ("individuel", 4, 4, 28.571),
        ("collectif", 1, 10, 71.429),
    ]
    assert comptes(stats.thematiques_mediation) == {
        "navigation_sur_internet": (10, 66.667),
        "email": (1, 6.667),
        "sante": (1, 6.667),
        "securite_numerique": (1, 6.666),
        "aide_aux_demarches_administratives": (2, 13.333),
    }
    assert [part.valeur for part in stats.thematiques_mediation] == list(MEDIATION_NUMERIQUE)
    assert comptes(stats.thematiques_demarches) == {"logement": (1, 50.0), "social_sante": (1, 50.0)}
    assert [part.valeur for part in stats.thematiques_demarches] == list(DEMARCHES_ADMINISTRATIVES)
    assert tableau(stats.tags) == [("Permanence", 11, 52.381), ("Numérique solidaire", 10, 47.619)]
    assert [part.valeur for part in stats.tags] == [jeu["T1"], jeu["T2"]]
    assert tableau(stats.materiel) == [
        ("Ordinateur", 11, 47.826),
        ("Téléphone", 1, 4.348),
        ("Tablette", 10, 43.478),
        ("Autre", 0, 0.0),
        ("Pas de matériel", 1, 4.348),
    ]
    assert tableau(stats.canaux) == [
        ("Lieu d'activité", 11, 78.571),
        ("À domicile", 1, 7.143),
        ("À distance", 1, 7.143),
        ("Autre lieu", 1, 7.143),
    ]
    assert tableau(stats.durees) == [
        ("Moins de 30 min", 1, 7.143),
        ("30min à 1 h", 2, 14.286),
        ("1 h à 2 h", 1, 7.143),
        ("2 h et plus", 10, 71.428),
    ]
    assert tableau(stats.lieux) == [("Médiathèque Croix-Rouge", 10, 90.909), ("France Services Charleville", 1, 9.091)]
    assert [part.valeur for part in stats.lieux] == [jeu["L1"], jeu["L2"]]
    # a3 is « à distance »: the commune of Alice's employer (Reims).
    assert [(p.valeur, p.libelle, p.nombre, p.proportion) for p in stats.communes] == [
        ("51454", "Reims", 12, 85.714),
        ("08105", "Charleville-Mézières", 1, 7.143),
        ("51230", "Épernay", 1, 7.143),
    ]
    assert tableau(stats.genres) == [("Masculin", 4, 33.333), ("Féminin", 5, 41.667), ("Non communiqué", 3, 25.0)]
    # Ages in 2025: Eden 15, Alix 35, Basile 75; a3's anonymous one 60-69; a2's four 18-24.
    assert tableau(stats.tranches_age) == [
        ("Moins de 12 ans", 0, 0.0),
        ("12 - 17 ans", 1, 8.334),
        ("18 - 24 ans", 4, 33.334),
        ("25 - 39 ans", 1, 8.333),
        ("40 - 59 ans", 0, 0.0),
        ("60 - 69 ans", 1, 8.333),
        ("70 ans et plus", 1, 8.333),
        ("Non communiqué", 4, 33.333),
    ]
    assert tableau(stats.statuts) == [
        ("Scolarisé", 2, 16.667),
        ("Sans emploi", 0, 0.0),
        ("En emploi", 1, 8.333),
        ("Retraité", 2, 16.667),
        ("Non communiqué ou hétérogène", 7, 58.333),
    ]
    assert [(p.valeur, p.libelle, p.nombre, p.proportion) for p in stats.communes_beneficiaires] == [
        ("non_communique", "Non communiqué", 9, 75.0),
        ("08105", "Charleville-Mézières", 1, 8.334),
        ("51454", "Reims", 1, 8.333),
        ("51230", "Épernay", 1, 8.333),
    ]
    assert [(p.libelle, p.debut, p.nombre) for p in stats.par_mois] == [
        (f"{mois:02d}/25", date(2025, mois, 1), {1: 1, 2: 10, 3: 2, 4: 1}.get(mois, 0)) for mois in range(1, 13)
    ]
    assert [p.libelle for p in stats.par_jour][::29] == ["02/12", "31/12"]
    assert all(p.nombre == 0 for p in stats.par_jour)


async def test_the_series_end_at_au_and_ignore_du(hub: Hub, jeu: Jeu) -> None:
    stats = await statistiques(hub, PorteeMediateur(jeu["Alice"]), FiltresActivites(du=date(2025, 3, 1), au=date(2025, 4, 10)))
    assert stats.accompagnements.total == 3  # a3, a4, a5
    assert [(p.libelle, p.nombre) for p in stats.par_mois] == [
        ("05/24", 0), ("06/24", 0), ("07/24", 0), ("08/24", 0), ("09/24", 0), ("10/24", 0), ("11/24", 0),
        ("12/24", 1), ("01/25", 1), ("02/25", 10), ("03/25", 2), ("04/25", 1),
    ]
    assert [(p.debut, p.nombre) for p in stats.par_jour if p.nombre] == [
        (date(2025, 3, 20), 1), (date(2025, 3, 25), 1), (date(2025, 4, 2), 1),
    ]
    assert (stats.par_jour[0].debut, stats.par_jour[-1].debut) == (date(2025, 3, 12), date(2025, 4, 10))
    sans_periode = await statistiques(hub, PorteeMediateur(jeu["Alice"]), FiltresActivites())
    assert sans_periode.beneficiaires.nouveaux is None
    assert sans_periode.accompagnements.total == 15  # a6 too
    assert sans_periode.par_mois[-1].libelle == "06/25"  # ends with today's month


async def test_a_team_counts_a_member_who_left_until_she_left(hub: Hub, jeu: Jeu) -> None:
    assert jeu.equipe is not None
    stats = await statistiques(hub, jeu.equipe)
    # Alice's figures plus c1 (Chloé, 28 February, before she left); not c2 (5 March).
    assert (stats.accompagnements.total, stats.accompagnements.individuels, stats.accompagnements.collectifs) == (
        15, 5, 10,
    )
    assert (stats.activites.total, stats.activites.individuels, stats.activites.collectifs, stats.activites.demarches) == (
        6, 5, 1, 2,
    )
    assert (stats.beneficiaires.total, stats.beneficiaires.nouveaux, stats.beneficiaires.suivis, stats.beneficiaires.anonymes) == (
        13, 9, 3, 10,
    )
    assert comptes(stats.thematiques_mediation)["email"] == (2, 12.5)  # a1, c1 over 16
    assert tableau(stats.durees)[0] == ("Moins de 30 min", 2, 13.333)  # a4, c1 (20 min)
    assert comptes(stats.genres) == {"masculin": (4, 30.769), "feminin": (6, 46.154), "non_communique": (3, 23.077)}
    assert comptes(stats.communes)["51454"] == (13, 86.667)
    assert stats.par_mois[1].nombre == 11  # February: a2 and c1


async def test_national_every_total_and_the_sections_others_add_to(hub: Hub, jeu: Jeu) -> None:
    stats = await statistiques(hub, PorteeNationale())
    assert (stats.accompagnements.total, stats.accompagnements.individuels, stats.accompagnements.collectifs) == (
        20, 7, 13,
    )
    assert (stats.activites.total, stats.activites.individuels, stats.activites.collectifs, stats.activites.demarches) == (
        9, 7, 2, 3,
    )
    # + Gaspard (b1), b1's 2 anonymous, b2's, c1's and c2's: all « nouveaux ».
    assert (stats.beneficiaires.total, stats.beneficiaires.nouveaux, stats.beneficiaires.suivis, stats.beneficiaires.anonymes) == (
        18, 14, 4, 14,
    )
    assert [(t.activites, t.accompagnements, t.proportion) for t in stats.types] == [(7, 7, 35.0), (2, 13, 65.0)]
    assert comptes(stats.thematiques_demarches) == {
        "social_sante": (1, 33.334), "logement": (1, 33.333), "argent_impots": (1, 33.333),
    }
    assert tableau(stats.tags) == [("Numérique solidaire", 13, 54.167), ("Permanence", 11, 45.833)]
    assert tableau(stats.lieux) == [
        ("Médiathèque Croix-Rouge", 10, 71.429),
        ("Espace numérique d'Épernay", 3, 21.428),
        ("France Services Charleville", 1, 7.143),
    ]
    assert [(p.libelle, p.nombre) for p in stats.communes] == [("Reims", 15), ("Épernay", 4), ("Charleville-Mézières", 1)]
    assert comptes(stats.statuts)["sans_emploi"] == (1, 5.556)  # Gaspard over 18
    assert [(p.libelle, p.nombre) for p in stats.communes_beneficiaires] == [
        ("Non communiqué", 14), ("Reims", 2), ("Charleville-Mézières", 1), ("Épernay", 1),
    ]
    assert [p.nombre for p in stats.par_mois[:5]] == [1, 14, 3, 1, 1]


@pytest.mark.parametrize(
    ("filtres", "attendu"),
    [
        # (accompagnements, activités, bénéficiaires, suivis, nouveaux)
        ({"types": ["collectif"]}, (13, 2, 13, 4, 9)),
        ({"types": ["individuel"]}, (7, 7, 6, 1, 5)),  # Eden, deleted, is anonymous now
        ({"thematiques_non_administratives": ["email"]}, (6, 4, 6, 2, 6)),
        ({"thematiques_administratives": ["logement", "argent_impots"]}, (2, 2, 2, 1, 2)),
        ({"demarches_administratives": True}, (3, 3, 3, 1, 3)),
        ({"communes": ["51230"]}, (4, 2, 4, 1, 4)),
        ({"departements": ["08"]}, (1, 1, 1, 1, 0)),
        ({"lieux": ["L1"]}, (10, 1, 10, 3, 6)),
        ({"conseiller_numerique": True}, (14, 5, 12, 3, 8)),
        ({"conseiller_numerique": False}, (6, 4, 6, 1, 6)),
        ({"beneficiaires": ["F1"]}, (12, 3, 10, 3, 7)),
        ({"tags": ["T2"]}, (13, 2, 13, 4, 9)),
        ({"du": date(2025, 2, 10), "au": date(2025, 2, 28)}, (14, 3, 14, 4, 10)),
    ],
)
async def test_national_filters(hub: Hub, jeu: Jeu, filtres: dict[str, Any], attendu: tuple[int, ...]) -> None:
    ids = {champ: [jeu[v] for v in valeurs] for champ, valeurs in filtres.items() if champ in ("lieux", "beneficiaires", "tags")}
    stats = await statistiques(hub, PorteeNationale(), FiltresActivites(**{"du": ANNEE.du, "au": ANNEE.au, **filtres, **ids}))
    b = stats.beneficiaires
    assert (stats.accompagnements.total, stats.activites.total, b.total, b.suivis, b.nouveaux) == attendu
