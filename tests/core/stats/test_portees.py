"""Every figure of every section, for each scope (a mediator, a coordinator's team, national) and
combinations of filters, on the hand-built data set of :mod:`tests.core.stats.jeu` (used as is).

The expected values are literals computed by hand from the data set; each calculation is the
same with and without the national rollup (computed first, as the hourly job does).

The data set, as counted here (n: accompagnements; « premier »: its accompagnement is flagged
« premier accompagnement »):

- a1 Alice, individuel, 2025-01-15, 45 min, domicile Reims; email, aide, logement; ordinateur;
  T1; Alix, premier (n 1).
- a2 Alice, collectif, 2025-02-10, 120 min, lieu d'activité L1 (Reims); navigation; ordinateur,
  tablette; T1, T2; Alix, Basile, Cyrille (premier), 7 anonymous of which 5 premiers (n 10).
- a3 Alice, individuel, 2025-03-20, 30 min, à distance (Reims, the employer's); santé;
  téléphone; an anonymous M, 60-69, retraité, Charleville, « déjà accompagné » (n 1).
- a4 Alice, individuel, 2025-03-25, 15 min, lieu d'activité L2 (Charleville); sécurité
  numérique; aucun matériel; Alix (merged from her duplicate), not premier (n 1).
- a5 Alice, individuel, 2025-04-02, 60 min, autre lieu Épernay; aide, social-santé; no
  matériel; Eden, premier, deleted since, so anonymous (n 1).
- a6 Alice, individuel, 2024-12-20, 90 min, domicile Reims; bureautique; ordinateur; Basile,
  premier (n 1). a7 Alice: deleted, never counted.
- b1 Bruno, collectif, 2025-02-10, 45 min, lieu d'activité L3 (Épernay); email; téléphone; T2;
  Gaspard and 2 anonymous, all premiers (n 3).
- b2 Bruno, individuel, 2025-05-05, 30 min, domicile Reims; aide, argent-impôts; téléphone; an
  anonymous, premier (n 1).
- c1 Chloé, individuel, 2025-02-28, 20 min, domicile Reims; email; no matériel; an anonymous F,
  premier (n 1).
- c2 Chloé, individuel, 2025-03-05, 30 min, domicile Reims; email; no matériel; an anonymous,
  premier (n 1).

Alice is a conseillère numérique, Bruno and Chloé are not. The team: Alice, and Chloé until
2 March 2025 (c1 counts, c2 does not). Durations: <30 min a4, c1; 30 min–1 h a1, a3, b1, b2, c2;
1–2 h a5, a6; 2 h+ a2.

The bénéficiaires (ages in 2025, the year of ``AUJOURD_HUI``):

- Alix (F, 1990: 25-39, en emploi, Reims 51454), Basile (M, 1950: 70+, retraité, Épernay 51230),
  Cyrille (nothing known), Gaspard (M, sans emploi, Reims) are followed;
- Eden (F, 2010: 12-17, scolarisée, no commune) is anonymous since deleted;
- a2's 7 anonymous: 3 F, 2 M, 2 NC; 4 aged 18-24, 3 NC; 1 scolarisé, 6 NC; no commune;
- a3's anonymous: M, 60-69, retraité, Charleville 08105; c1's: F; b1's 2, b2's, c2's: nothing.

Proportions: n × 100 000 / total thousandths of a percent rounded down, the thousandths left
going to the largest remainders, the first listed on a tie (``docs/statistiques.md``); each
thématique group over its own sum. Tags, lieux and communes: by count descending, then label.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeMediateur, PorteeNationale
from hub.core.hub import Hub
from hub.core.stats import Statistiques, calculer_statistiques
from hub.core.stats.cumuls.calcul import rafraichir_cumuls
from hub.core.stats.cumuls.lecture import compter_avec_cumuls
from hub.core.stats.series import fenetre
from tests.core.stats.attendus import Attendu, verifier
from tests.core.stats.jeu import Jeu, construire

AUJOURD_HUI = date(2025, 6, 15)
DU, AU = date(2025, 1, 1), date(2025, 12, 31)
ANNEE = {"du": DU, "au": AU}
# The series of a period ending on 31 December 2025: January to December 2025, and the 30 days
# from 2 December (nothing then).
MOIS_2025 = ("01/25", "12/25")
DECEMBRE = (date(2025, 12, 2), date(2025, 12, 31), {})

NC = "non_communique"
REIMS, EPERNAY, CHARLEVILLE = "51454", "51230", "08105"
L1, L2, L3 = "Médiathèque Croix-Rouge", "France Services Charleville", "Espace numérique d'Épernay"
T1, T2 = "Permanence", "Numérique solidaire"
NOM = {REIMS: "Reims", EPERNAY: "Épernay", CHARLEVILLE: "Charleville-Mézières", NC: "Non communiqué"}


def commune(code: str, nombre: int, proportion: float) -> tuple[str, str, int, float]:
    return (code, NOM[code], nombre, proportion)


# The combinations of filters (keys of the data set for lieux, bénéficiaires and tags).
COMBINAISONS: dict[str, dict[str, Any]] = {
    "periode+types": {"du": date(2025, 2, 10), "au": date(2025, 3, 25), "types": ["individuel"]},
    "thematiques+communes": {
        **ANNEE,
        "thematiques_non_administratives": ["email", "sante"],
        "thematiques_administratives": ["logement"],
        "communes": [REIMS, EPERNAY],
    },
    "conseiller_numerique+lieux": {"conseiller_numerique": True, "lieux": ["L1", "L2", "L3"]},
    "beneficiaires+tags": {**ANNEE, "beneficiaires": ["F1", "G1"], "tags": ["T1", "T2"]},
    "departement+periode": {"departements": ["51"], "du": date(2025, 2, 1), "au": date(2025, 3, 20)},
    "conseiller_numerique+demarches": {**ANNEE, "conseiller_numerique": False, "demarches_administratives": False},
}

# ---------------------------------------------------------------------------------------------
# The team and the country for 2025, no other filter.
# ---------------------------------------------------------------------------------------------

EQUIPE_ANNEE = Attendu(
    periode=(DU, AU),
    # Alice's a1…a5 and Chloé's c1 (28 February, before she left); not c2 (5 March), not a6 (2024).
    accompagnements=(15, 5, 10),  # a1, a3, a4, a5, c1 + a2's 10 participants
    activites=(6, 5, 1, 2),  # démarches: a1, a5
    # Alix, Basile, Cyrille followed; Eden, a2's 7, a3's, c1's anonymous.
    # Nouveaux: Alix (a1), Cyrille (a2), 5 of a2's anonymous, Eden (a5), c1's; not Basile (a6).
    beneficiaires=(13, 9, 3, 10),
    types=((5, 5, 33.333), (1, 10, 66.667)),  # 5/15, 10/15
    mois=(*MOIS_2025, {"01/25": 1, "02/25": 11, "03/25": 2, "04/25": 1}),  # a1; a2 + c1; a3 + a4; a5
    jours=DECEMBRE,
    # Over 16: navigation 10 (a2), email 2 (a1, c1), aide 2 (a1, a5), santé (a3), sécurité (a4).
    thematiques_mediation={
        "navigation_sur_internet": (10, 62.5),
        "email": (2, 12.5),
        "sante": (1, 6.25),
        "securite_numerique": (1, 6.25),
        "aide_aux_demarches_administratives": (2, 12.5),
    },
    thematiques_demarches={"social_sante": (1, 50.0), "logement": (1, 50.0)},  # a5, a1
    tags=[("T1", T1, 11, 52.381), ("T2", T2, 10, 47.619)],  # T1: a1 + a2; T2: a2 (over 21)
    # Over 23: ordinateur a1 + a2; téléphone a3; tablette a2; aucun a4 (a5, c1: none).
    materiel={"ordinateur": (11, 47.826), "telephone": (1, 4.348), "tablette": (10, 43.478), "aucun": (1, 4.348)},
    # Over 15: lieu d'activité a2 + a4; domicile a1, c1; à distance a3; autre a5.
    canaux={"lieu_activite": (11, 73.333), "domicile": (2, 13.333), "a_distance": (1, 6.667), "autre": (1, 6.667)},
    # <30: a4, c1; 30-60: a1, a3; 60-120: a5; 120+: a2's 10.
    durees={"30": (2, 13.333), "60": (2, 13.333), "120": (1, 6.667), "plus": (10, 66.667)},
    lieux=[("L1", L1, 10, 90.909), ("L2", L2, 1, 9.091)],
    # Reims: a1, a2's 10, a3 (employer), c1; Charleville a4 (L2); Épernay a5. Ties to the first.
    communes=[commune(REIMS, 13, 86.667), commune(CHARLEVILLE, 1, 6.667), commune(EPERNAY, 1, 6.666)],
    # Over 13: M Basile, a2's 2, a3's; F Alix, Eden, a2's 3, c1's; NC Cyrille, a2's 2.
    genres={"masculin": (4, 30.769), "feminin": (6, 46.154), NC: (3, 23.077)},
    # Eden; a2's 4; Alix; a3's; Basile; NC Cyrille, a2's 3, c1's.
    tranches_age={
        "douze_dix_huit": (1, 7.693),
        "dix_huit_vingt_quatre": (4, 30.769),
        "vingt_cinq_trente_neuf": (1, 7.692),
        "soixante_soixante_neuf": (1, 7.692),
        "soixante_dix_plus": (1, 7.692),
        NC: (5, 38.462),
    },
    # Scolarisés Eden + a2's 1; Alix; retraités Basile + a3's; NC Cyrille, a2's 6, c1's.
    statuts={"scolarise": (2, 15.385), "en_emploi": (1, 7.692), "retraite": (2, 15.385), NC: (8, 61.538)},
    # NC: Cyrille, Eden, a2's 7, c1's; a3's, Alix, Basile.
    communes_beneficiaires=[
        commune(NC, 10, 76.923), commune(CHARLEVILLE, 1, 7.693), commune(REIMS, 1, 7.692), commune(EPERNAY, 1, 7.692),
    ],
)

NATIONAL_ANNEE = Attendu(
    periode=(DU, AU),
    # a1…a5, b1, b2, c1, c2 (not a6, 2024; not a7, deleted).
    accompagnements=(20, 7, 13),  # 7 individual + a2's 10 + b1's 3
    activites=(9, 7, 2, 3),  # démarches: a1, a5, b2
    # Followed: Alix, Basile, Cyrille, Gaspard; anonymous: Eden, a2's 7, a3's, b1's 2, b2's, c1's, c2's.
    # Nouveaux: the team's 8 of Alice + Gaspard, b1's 2, b2's, c1's, c2's.
    beneficiaires=(18, 14, 4, 14),
    types=((7, 7, 35.0), (2, 13, 65.0)),
    # a1; a2 + b1 + c1; a3 + a4 + c2; a5; b2.
    mois=(*MOIS_2025, {"01/25": 1, "02/25": 14, "03/25": 3, "04/25": 1, "05/25": 1}),
    jours=DECEMBRE,
    # Over 21: navigation 10; email a1 + b1's 3 + c1 + c2; aide a1, a5, b2.
    thematiques_mediation={
        "navigation_sur_internet": (10, 47.619),
        "email": (6, 28.571),
        "sante": (1, 4.762),
        "securite_numerique": (1, 4.762),
        "aide_aux_demarches_administratives": (3, 14.286),
    },
    thematiques_demarches={"social_sante": (1, 33.334), "logement": (1, 33.333), "argent_impots": (1, 33.333)},
    tags=[("T2", T2, 13, 54.167), ("T1", T1, 11, 45.833)],  # T2: a2 + b1; T1: a1 + a2 (over 24)
    # Over 27: ordinateur a1 + a2; téléphone a3 + b1's 3 + b2; tablette a2; aucun a4.
    materiel={"ordinateur": (11, 40.741), "telephone": (5, 18.518), "tablette": (10, 37.037), "aucun": (1, 3.704)},
    # Lieu d'activité a2, a4, b1; domicile a1, b2, c1, c2; à distance a3; autre a5.
    canaux={"lieu_activite": (14, 70.0), "domicile": (4, 20.0), "a_distance": (1, 5.0), "autre": (1, 5.0)},
    # <30: a4, c1; 30-60: a1, a3, b1's 3, b2, c2; 60-120: a5; 120+: a2.
    durees={"30": (2, 10.0), "60": (7, 35.0), "120": (1, 5.0), "plus": (10, 50.0)},
    lieux=[("L1", L1, 10, 71.429), ("L3", L3, 3, 21.428), ("L2", L2, 1, 7.143)],
    # Reims: a1, a2's 10, a3, b2, c1, c2; Épernay: a5, b1's 3; Charleville a4.
    communes=[commune(REIMS, 15, 75.0), commune(EPERNAY, 4, 20.0), commune(CHARLEVILLE, 1, 5.0)],
    # M: Basile, a2's 2, a3's, Gaspard; F: Alix, Eden, a2's 3, c1's; NC: Cyrille, a2's 2, b1's 2, b2's, c2's.
    genres={"masculin": (5, 27.778), "feminin": (6, 33.333), NC: (7, 38.889)},
    # NC: Cyrille, a2's 3, Gaspard, b1's 2, b2's, c1's, c2's.
    tranches_age={
        "douze_dix_huit": (1, 5.556),
        "dix_huit_vingt_quatre": (4, 22.222),
        "vingt_cinq_trente_neuf": (1, 5.556),
        "soixante_soixante_neuf": (1, 5.556),
        "soixante_dix_plus": (1, 5.555),
        NC: (10, 55.555),
    },
    # Scolarisés Eden + a2's 1; Gaspard; Alix; Basile + a3's; NC the 12 others.
    statuts={
        "scolarise": (2, 11.111),
        "sans_emploi": (1, 5.556),
        "en_emploi": (1, 5.555),
        "retraite": (2, 11.111),
        NC: (12, 66.667),
    },
    # NC: Cyrille, Eden, a2's 7, b1's 2, b2's, c1's, c2's; Reims: Alix, Gaspard; a3's; Basile.
    communes_beneficiaires=[
        commune(NC, 14, 77.778), commune(REIMS, 2, 11.111), commune(CHARLEVILLE, 1, 5.556), commune(EPERNAY, 1, 5.555),
    ],
)

# ---------------------------------------------------------------------------------------------
# Période (10 February – 25 March 2025) + individual activities.
# ---------------------------------------------------------------------------------------------

# The series end on 25 March: April 2024 to March 2025 (before 10 February too), and the 30 days
# from 24 February; only individual activities.
MOIS_MARS = ("04/24", "03/25")
JOURS_MARS_25 = (date(2025, 2, 24), date(2025, 3, 25))

MEDIATEUR_PERIODE_TYPES = Attendu(
    periode=(date(2025, 2, 10), date(2025, 3, 25)),
    accompagnements=(2, 2, 0),  # a3, a4 (a2 is collective; a7 deleted)
    activites=(2, 2, 0, 0),
    # a3's anonymous, Alix (a4): neither is « premier » (a3's was déjà accompagné, Alix's is a1).
    beneficiaires=(2, 0, 1, 1),
    types=((2, 2, 100.0), (0, 0, 0.0)),
    mois=(*MOIS_MARS, {"12/24": 1, "01/25": 1, "03/25": 2}),  # a6; a1; a3 + a4
    jours=(*JOURS_MARS_25, {date(2025, 3, 20): 1, date(2025, 3, 25): 1}),
    thematiques_mediation={"sante": (1, 50.0), "securite_numerique": (1, 50.0)},
    thematiques_demarches={},
    tags=[],
    materiel={"telephone": (1, 50.0), "aucun": (1, 50.0)},
    canaux={"lieu_activite": (1, 50.0), "a_distance": (1, 50.0)},
    durees={"30": (1, 50.0), "60": (1, 50.0)},  # a4 15 min, a3 30 min
    lieux=[("L2", L2, 1, 100.0)],
    communes=[commune(CHARLEVILLE, 1, 50.0), commune(REIMS, 1, 50.0)],  # a tie: by label
    genres={"masculin": (1, 50.0), "feminin": (1, 50.0)},
    tranches_age={"vingt_cinq_trente_neuf": (1, 50.0), "soixante_soixante_neuf": (1, 50.0)},
    statuts={"en_emploi": (1, 50.0), "retraite": (1, 50.0)},
    communes_beneficiaires=[commune(CHARLEVILLE, 1, 50.0), commune(REIMS, 1, 50.0)],
)

EQUIPE_PERIODE_TYPES = Attendu(
    periode=(date(2025, 2, 10), date(2025, 3, 25)),
    accompagnements=(3, 3, 0),  # a3, a4, c1 (not c2: Chloé had left)
    activites=(3, 3, 0, 0),
    beneficiaires=(3, 1, 1, 2),  # a3's, Alix, c1's (the only « premier »)
    types=((3, 3, 100.0), (0, 0, 0.0)),
    mois=(*MOIS_MARS, {"12/24": 1, "01/25": 1, "02/25": 1, "03/25": 2}),  # a6; a1; c1; a3 + a4
    jours=(*JOURS_MARS_25, {date(2025, 2, 28): 1, date(2025, 3, 20): 1, date(2025, 3, 25): 1}),
    thematiques_mediation={"email": (1, 33.334), "sante": (1, 33.333), "securite_numerique": (1, 33.333)},
    thematiques_demarches={},
    tags=[],
    materiel={"telephone": (1, 50.0), "aucun": (1, 50.0)},  # c1: none
    canaux={"lieu_activite": (1, 33.334), "domicile": (1, 33.333), "a_distance": (1, 33.333)},
    durees={"30": (2, 66.667), "60": (1, 33.333)},  # a4, c1 (20 min); a3
    lieux=[("L2", L2, 1, 100.0)],
    communes=[commune(REIMS, 2, 66.667), commune(CHARLEVILLE, 1, 33.333)],  # a3, c1; a4
    genres={"masculin": (1, 33.333), "feminin": (2, 66.667)},  # a3's; Alix, c1's
    tranches_age={"vingt_cinq_trente_neuf": (1, 33.334), "soixante_soixante_neuf": (1, 33.333), NC: (1, 33.333)},
    statuts={"en_emploi": (1, 33.334), "retraite": (1, 33.333), NC: (1, 33.333)},
    communes_beneficiaires=[commune(CHARLEVILLE, 1, 33.334), commune(NC, 1, 33.333), commune(REIMS, 1, 33.333)],
)

NATIONAL_PERIODE_TYPES = Attendu(
    periode=(date(2025, 2, 10), date(2025, 3, 25)),
    accompagnements=(4, 4, 0),  # a3, a4, c1, c2 (a2, b1 collective)
    activites=(4, 4, 0, 0),
    beneficiaires=(4, 2, 1, 3),  # a3's, Alix, c1's, c2's; « premiers »: c1's, c2's
    types=((4, 4, 100.0), (0, 0, 0.0)),
    mois=(*MOIS_MARS, {"12/24": 1, "01/25": 1, "02/25": 1, "03/25": 3}),  # a6; a1; c1; a3 + a4 + c2
    jours=(
        *JOURS_MARS_25,
        {date(2025, 2, 28): 1, date(2025, 3, 5): 1, date(2025, 3, 20): 1, date(2025, 3, 25): 1},
    ),
    thematiques_mediation={"email": (2, 50.0), "sante": (1, 25.0), "securite_numerique": (1, 25.0)},
    thematiques_demarches={},
    tags=[],
    materiel={"telephone": (1, 50.0), "aucun": (1, 50.0)},
    canaux={"lieu_activite": (1, 25.0), "domicile": (2, 50.0), "a_distance": (1, 25.0)},
    durees={"30": (2, 50.0), "60": (2, 50.0)},  # a4, c1; a3, c2
    lieux=[("L2", L2, 1, 100.0)],
    communes=[commune(REIMS, 3, 75.0), commune(CHARLEVILLE, 1, 25.0)],
    genres={"masculin": (1, 25.0), "feminin": (2, 50.0), NC: (1, 25.0)},  # a3's; Alix, c1's; c2's
    tranches_age={"vingt_cinq_trente_neuf": (1, 25.0), "soixante_soixante_neuf": (1, 25.0), NC: (2, 50.0)},
    statuts={"en_emploi": (1, 25.0), "retraite": (1, 25.0), NC: (2, 50.0)},
    communes_beneficiaires=[commune(NC, 2, 50.0), commune(CHARLEVILLE, 1, 25.0), commune(REIMS, 1, 25.0)],
)

# ---------------------------------------------------------------------------------------------
# Thématiques (email or santé, or logement) + communes (Reims, Épernay), 2025: a1, a3, b1, c1, c2
# (a4 is « sécurité », a5 « social-santé », a2 « navigation », b2 « argent »; a6 is 2024).
# ---------------------------------------------------------------------------------------------

MEDIATEUR_THEMATIQUES_COMMUNES = Attendu(
    periode=(DU, AU),
    accompagnements=(2, 2, 0),  # a1, a3
    activites=(2, 2, 0, 1),  # démarches: a1
    beneficiaires=(2, 1, 1, 1),  # Alix (premier in a1), a3's
    types=((2, 2, 100.0), (0, 0, 0.0)),
    mois=(*MOIS_2025, {"01/25": 1, "03/25": 1}),
    jours=DECEMBRE,
    thematiques_mediation={
        "email": (1, 33.334),
        "sante": (1, 33.333),
        "aide_aux_demarches_administratives": (1, 33.333),
    },
    thematiques_demarches={"logement": (1, 100.0)},
    tags=[("T1", T1, 1, 100.0)],  # a1
    materiel={"ordinateur": (1, 50.0), "telephone": (1, 50.0)},
    canaux={"domicile": (1, 50.0), "a_distance": (1, 50.0)},
    durees={"60": (2, 100.0)},  # 45 and 30 min
    lieux=[],
    communes=[commune(REIMS, 2, 100.0)],
    genres={"masculin": (1, 50.0), "feminin": (1, 50.0)},
    tranches_age={"vingt_cinq_trente_neuf": (1, 50.0), "soixante_soixante_neuf": (1, 50.0)},
    statuts={"en_emploi": (1, 50.0), "retraite": (1, 50.0)},
    communes_beneficiaires=[commune(CHARLEVILLE, 1, 50.0), commune(REIMS, 1, 50.0)],
)

EQUIPE_THEMATIQUES_COMMUNES = Attendu(
    periode=(DU, AU),
    accompagnements=(3, 3, 0),  # a1, a3, c1 (not c2)
    activites=(3, 3, 0, 1),
    beneficiaires=(3, 2, 1, 2),  # Alix, a3's, c1's; premiers: Alix, c1's
    types=((3, 3, 100.0), (0, 0, 0.0)),
    mois=(*MOIS_2025, {"01/25": 1, "02/25": 1, "03/25": 1}),
    jours=DECEMBRE,
    thematiques_mediation={
        "email": (2, 50.0),  # a1, c1
        "sante": (1, 25.0),
        "aide_aux_demarches_administratives": (1, 25.0),
    },
    thematiques_demarches={"logement": (1, 100.0)},
    tags=[("T1", T1, 1, 100.0)],
    materiel={"ordinateur": (1, 50.0), "telephone": (1, 50.0)},
    canaux={"domicile": (2, 66.667), "a_distance": (1, 33.333)},
    durees={"30": (1, 33.333), "60": (2, 66.667)},  # c1; a1, a3
    lieux=[],
    communes=[commune(REIMS, 3, 100.0)],
    genres={"masculin": (1, 33.333), "feminin": (2, 66.667)},
    tranches_age={"vingt_cinq_trente_neuf": (1, 33.334), "soixante_soixante_neuf": (1, 33.333), NC: (1, 33.333)},
    statuts={"en_emploi": (1, 33.334), "retraite": (1, 33.333), NC: (1, 33.333)},
    communes_beneficiaires=[commune(CHARLEVILLE, 1, 33.334), commune(NC, 1, 33.333), commune(REIMS, 1, 33.333)],
)

NATIONAL_THEMATIQUES_COMMUNES = Attendu(
    periode=(DU, AU),
    accompagnements=(7, 4, 3),  # a1, a3, c1, c2 + b1's 3
    activites=(5, 4, 1, 1),
    # Followed: Alix, Gaspard; anonymous: a3's, b1's 2, c1's, c2's. Not premier: a3's.
    beneficiaires=(7, 6, 2, 5),
    types=((4, 4, 57.143), (1, 3, 42.857)),
    mois=(*MOIS_2025, {"01/25": 1, "02/25": 4, "03/25": 2}),  # a1; b1 + c1; a3 + c2
    jours=DECEMBRE,
    thematiques_mediation={
        "email": (6, 75.0),  # a1, b1's 3, c1, c2
        "sante": (1, 12.5),
        "aide_aux_demarches_administratives": (1, 12.5),
    },
    thematiques_demarches={"logement": (1, 100.0)},
    tags=[("T2", T2, 3, 75.0), ("T1", T1, 1, 25.0)],
    materiel={"ordinateur": (1, 20.0), "telephone": (4, 80.0)},  # a1; a3 + b1's 3
    canaux={"lieu_activite": (3, 42.857), "domicile": (3, 42.857), "a_distance": (1, 14.286)},
    durees={"30": (1, 14.286), "60": (6, 85.714)},  # c1; a1, a3, b1's 3, c2
    lieux=[("L3", L3, 3, 100.0)],
    communes=[commune(REIMS, 4, 57.143), commune(EPERNAY, 3, 42.857)],
    genres={"masculin": (2, 28.572), "feminin": (2, 28.571), NC: (3, 42.857)},  # a3's, Gaspard; Alix, c1's
    tranches_age={"vingt_cinq_trente_neuf": (1, 14.286), "soixante_soixante_neuf": (1, 14.286), NC: (5, 71.428)},
    statuts={"sans_emploi": (1, 14.286), "en_emploi": (1, 14.286), "retraite": (1, 14.285), NC: (4, 57.143)},
    communes_beneficiaires=[commune(NC, 4, 57.143), commune(REIMS, 2, 28.571), commune(CHARLEVILLE, 1, 14.286)],
)

# ---------------------------------------------------------------------------------------------
# Conseiller numérique + lieux L1, L2, L3, no period: a2, a4 (Alice's; b1 is Bruno's, not a
# conseiller numérique; a6 has no lieu). The same for the three scopes.
# ---------------------------------------------------------------------------------------------

CONSEILLER_LIEUX = Attendu(
    periode=(None, None),
    accompagnements=(11, 1, 10),
    activites=(2, 1, 1, 0),
    # Alix, Basile, Cyrille, a2's 7 anonymous; no period: no « nouveaux ».
    beneficiaires=(10, None, 3, 7),
    types=((1, 1, 9.091), (1, 10, 90.909)),
    # The series end today (15 June 2025): July 2024 to June 2025, and the 30 days from 17 May.
    mois=("07/24", "06/25", {"02/25": 10, "03/25": 1}),
    jours=(date(2025, 5, 17), date(2025, 6, 15), {}),
    thematiques_mediation={"navigation_sur_internet": (10, 90.909), "securite_numerique": (1, 9.091)},
    thematiques_demarches={},
    tags=[("T2", T2, 10, 50.0), ("T1", T1, 10, 50.0)],  # a tie: by label
    materiel={"ordinateur": (10, 47.619), "tablette": (10, 47.619), "aucun": (1, 4.762)},
    canaux={"lieu_activite": (11, 100.0)},
    durees={"30": (1, 9.091), "plus": (10, 90.909)},
    lieux=[("L1", L1, 10, 90.909), ("L2", L2, 1, 9.091)],
    communes=[commune(REIMS, 10, 90.909), commune(CHARLEVILLE, 1, 9.091)],
    genres={"masculin": (3, 30.0), "feminin": (4, 40.0), NC: (3, 30.0)},  # Basile + 2; Alix + 3; Cyrille + 2
    tranches_age={
        "dix_huit_vingt_quatre": (4, 40.0),
        "vingt_cinq_trente_neuf": (1, 10.0),
        "soixante_dix_plus": (1, 10.0),
        NC: (4, 40.0),  # Cyrille + 3
    },
    statuts={"scolarise": (1, 10.0), "en_emploi": (1, 10.0), "retraite": (1, 10.0), NC: (7, 70.0)},
    communes_beneficiaires=[commune(NC, 8, 80.0), commune(REIMS, 1, 10.0), commune(EPERNAY, 1, 10.0)],
)

# ---------------------------------------------------------------------------------------------
# Bénéficiaires (Alix, Gaspard) + tags (T1, T2), 2025: a1, a2 (Alix; a4 has no tag), b1 (Gaspard).
# The bénéficiaire sections count every bénéficiaire of the activities kept.
# ---------------------------------------------------------------------------------------------

MEDIATEUR_BENEFICIAIRES_TAGS = Attendu(
    periode=(DU, AU),
    accompagnements=(11, 1, 10),  # a1 + a2's 10
    activites=(2, 1, 1, 1),
    # Alix, Basile, Cyrille, a2's 7; premiers: Alix (a1), Cyrille, 5 of a2's.
    beneficiaires=(10, 7, 3, 7),
    types=((1, 1, 9.091), (1, 10, 90.909)),
    mois=(*MOIS_2025, {"01/25": 1, "02/25": 10}),
    jours=DECEMBRE,
    thematiques_mediation={
        "navigation_sur_internet": (10, 83.334),
        "email": (1, 8.333),
        "aide_aux_demarches_administratives": (1, 8.333),
    },
    thematiques_demarches={"logement": (1, 100.0)},
    tags=[("T1", T1, 11, 52.381), ("T2", T2, 10, 47.619)],
    materiel={"ordinateur": (11, 52.381), "tablette": (10, 47.619)},
    canaux={"lieu_activite": (10, 90.909), "domicile": (1, 9.091)},
    durees={"60": (1, 9.091), "plus": (10, 90.909)},
    lieux=[("L1", L1, 10, 100.0)],
    communes=[commune(REIMS, 11, 100.0)],
    genres={"masculin": (3, 30.0), "feminin": (4, 40.0), NC: (3, 30.0)},
    tranches_age={
        "dix_huit_vingt_quatre": (4, 40.0),
        "vingt_cinq_trente_neuf": (1, 10.0),
        "soixante_dix_plus": (1, 10.0),
        NC: (4, 40.0),
    },
    statuts={"scolarise": (1, 10.0), "en_emploi": (1, 10.0), "retraite": (1, 10.0), NC: (7, 70.0)},
    communes_beneficiaires=[commune(NC, 8, 80.0), commune(REIMS, 1, 10.0), commune(EPERNAY, 1, 10.0)],
)

NATIONAL_BENEFICIAIRES_TAGS = Attendu(
    periode=(DU, AU),
    accompagnements=(14, 1, 13),  # a1 + a2's 10 + b1's 3
    activites=(3, 1, 2, 1),
    # + Gaspard and b1's 2 anonymous, all three premiers.
    beneficiaires=(13, 10, 4, 9),
    types=((1, 1, 7.143), (2, 13, 92.857)),
    mois=(*MOIS_2025, {"01/25": 1, "02/25": 13}),
    jours=DECEMBRE,
    thematiques_mediation={
        "navigation_sur_internet": (10, 66.667),
        "email": (4, 26.667),  # a1 + b1's 3
        "aide_aux_demarches_administratives": (1, 6.666),
    },
    thematiques_demarches={"logement": (1, 100.0)},
    tags=[("T2", T2, 13, 54.167), ("T1", T1, 11, 45.833)],
    materiel={"ordinateur": (11, 45.833), "telephone": (3, 12.5), "tablette": (10, 41.667)},
    canaux={"lieu_activite": (13, 92.857), "domicile": (1, 7.143)},
    durees={"60": (4, 28.571), "plus": (10, 71.429)},  # a1 + b1's 3; a2
    lieux=[("L1", L1, 10, 76.923), ("L3", L3, 3, 23.077)],
    communes=[commune(REIMS, 11, 78.571), commune(EPERNAY, 3, 21.429)],
    genres={"masculin": (4, 30.769), "feminin": (4, 30.769), NC: (5, 38.462)},  # + Gaspard; ; + b1's 2
    tranches_age={
        "dix_huit_vingt_quatre": (4, 30.769),
        "vingt_cinq_trente_neuf": (1, 7.693),
        "soixante_dix_plus": (1, 7.692),
        NC: (7, 53.846),  # Cyrille, a2's 3, Gaspard, b1's 2
    },
    statuts={
        "scolarise": (1, 7.693),
        "sans_emploi": (1, 7.692),
        "en_emploi": (1, 7.692),
        "retraite": (1, 7.692),
        NC: (9, 69.231),
    },
    communes_beneficiaires=[commune(NC, 10, 76.923), commune(REIMS, 2, 15.385), commune(EPERNAY, 1, 7.692)],
)

# ---------------------------------------------------------------------------------------------
# Département 51 + période 1 February – 20 March 2025: a2, a3, b1, c1, c2 (a4 is in the 08).
# The series end on 20 March (April 2024 – March 2025; the 30 days from 19 February), dept 51 only.
# ---------------------------------------------------------------------------------------------

MOIS_MARS_20 = ("04/24", "03/25")
JOURS_MARS_20 = (date(2025, 2, 19), date(2025, 3, 20))

MEDIATEUR_DEPARTEMENT = Attendu(
    periode=(date(2025, 2, 1), date(2025, 3, 20)),
    accompagnements=(11, 1, 10),  # a3 + a2's 10
    activites=(2, 1, 1, 0),
    # Alix, Basile, Cyrille, a2's 7, a3's; premiers: Cyrille, 5 of a2's.
    beneficiaires=(11, 6, 3, 8),
    types=((1, 1, 9.091), (1, 10, 90.909)),
    mois=(*MOIS_MARS_20, {"12/24": 1, "01/25": 1, "02/25": 10, "03/25": 1}),  # a6; a1; a2; a3 (not a4)
    jours=(*JOURS_MARS_20, {date(2025, 3, 20): 1}),
    thematiques_mediation={"navigation_sur_internet": (10, 90.909), "sante": (1, 9.091)},
    thematiques_demarches={},
    tags=[("T2", T2, 10, 50.0), ("T1", T1, 10, 50.0)],
    materiel={"ordinateur": (10, 47.619), "telephone": (1, 4.762), "tablette": (10, 47.619)},
    canaux={"lieu_activite": (10, 90.909), "a_distance": (1, 9.091)},
    durees={"60": (1, 9.091), "plus": (10, 90.909)},
    lieux=[("L1", L1, 10, 100.0)],
    communes=[commune(REIMS, 11, 100.0)],
    genres={"masculin": (4, 36.364), "feminin": (4, 36.363), NC: (3, 27.273)},  # Basile, 2, a3's; Alix, 3
    tranches_age={
        "dix_huit_vingt_quatre": (4, 36.364),
        "vingt_cinq_trente_neuf": (1, 9.091),
        "soixante_soixante_neuf": (1, 9.091),
        "soixante_dix_plus": (1, 9.091),
        NC: (4, 36.363),
    },
    statuts={"scolarise": (1, 9.091), "en_emploi": (1, 9.091), "retraite": (2, 18.182), NC: (7, 63.636)},
    communes_beneficiaires=[
        commune(NC, 8, 72.727), commune(CHARLEVILLE, 1, 9.091), commune(REIMS, 1, 9.091), commune(EPERNAY, 1, 9.091),
    ],
)

EQUIPE_DEPARTEMENT = Attendu(
    periode=(date(2025, 2, 1), date(2025, 3, 20)),
    accompagnements=(12, 2, 10),  # a3, c1 + a2's 10
    activites=(3, 2, 1, 0),
    beneficiaires=(12, 7, 3, 9),  # + c1's, premier
    types=((2, 2, 16.667), (1, 10, 83.333)),
    mois=(*MOIS_MARS_20, {"12/24": 1, "01/25": 1, "02/25": 11, "03/25": 1}),  # a2 + c1 in February; not c2
    jours=(*JOURS_MARS_20, {date(2025, 2, 28): 1, date(2025, 3, 20): 1}),
    thematiques_mediation={"navigation_sur_internet": (10, 83.334), "email": (1, 8.333), "sante": (1, 8.333)},
    thematiques_demarches={},
    tags=[("T2", T2, 10, 50.0), ("T1", T1, 10, 50.0)],
    materiel={"ordinateur": (10, 47.619), "telephone": (1, 4.762), "tablette": (10, 47.619)},
    canaux={"lieu_activite": (10, 83.334), "domicile": (1, 8.333), "a_distance": (1, 8.333)},
    durees={"30": (1, 8.334), "60": (1, 8.333), "plus": (10, 83.333)},  # c1; a3; a2
    lieux=[("L1", L1, 10, 100.0)],
    communes=[commune(REIMS, 12, 100.0)],
    genres={"masculin": (4, 33.333), "feminin": (5, 41.667), NC: (3, 25.0)},
    tranches_age={
        "dix_huit_vingt_quatre": (4, 33.334),
        "vingt_cinq_trente_neuf": (1, 8.333),
        "soixante_soixante_neuf": (1, 8.333),
        "soixante_dix_plus": (1, 8.333),
        NC: (5, 41.667),
    },
    statuts={"scolarise": (1, 8.333), "en_emploi": (1, 8.333), "retraite": (2, 16.667), NC: (8, 66.667)},
    communes_beneficiaires=[
        commune(NC, 9, 75.0), commune(CHARLEVILLE, 1, 8.334), commune(REIMS, 1, 8.333), commune(EPERNAY, 1, 8.333),
    ],
)

NATIONAL_DEPARTEMENT = Attendu(
    periode=(date(2025, 2, 1), date(2025, 3, 20)),
    accompagnements=(16, 3, 13),  # a3, c1, c2 + a2's 10 + b1's 3
    activites=(5, 3, 2, 0),
    # Followed: Alix, Basile, Cyrille, Gaspard; anonymous: a2's 7, a3's, b1's 2, c1's, c2's.
    # Premiers: Cyrille, 5 of a2's, Gaspard, b1's 2, c1's, c2's.
    beneficiaires=(16, 11, 4, 12),
    types=((3, 3, 18.75), (2, 13, 81.25)),
    mois=(*MOIS_MARS_20, {"12/24": 1, "01/25": 1, "02/25": 14, "03/25": 2}),  # a2 + b1 + c1; a3 + c2
    jours=(*JOURS_MARS_20, {date(2025, 2, 28): 1, date(2025, 3, 5): 1, date(2025, 3, 20): 1}),
    thematiques_mediation={"navigation_sur_internet": (10, 62.5), "email": (5, 31.25), "sante": (1, 6.25)},
    thematiques_demarches={},
    tags=[("T2", T2, 13, 56.522), ("T1", T1, 10, 43.478)],
    materiel={"ordinateur": (10, 41.667), "telephone": (4, 16.667), "tablette": (10, 41.666)},
    canaux={"lieu_activite": (13, 81.25), "domicile": (2, 12.5), "a_distance": (1, 6.25)},
    durees={"30": (1, 6.25), "60": (5, 31.25), "plus": (10, 62.5)},  # c1; a3, b1's 3, c2; a2
    lieux=[("L1", L1, 10, 76.923), ("L3", L3, 3, 23.077)],
    communes=[commune(REIMS, 13, 81.25), commune(EPERNAY, 3, 18.75)],
    genres={"masculin": (5, 31.25), "feminin": (5, 31.25), NC: (6, 37.5)},
    tranches_age={
        "dix_huit_vingt_quatre": (4, 25.0),
        "vingt_cinq_trente_neuf": (1, 6.25),
        "soixante_soixante_neuf": (1, 6.25),
        "soixante_dix_plus": (1, 6.25),
        NC: (9, 56.25),
    },
    statuts={
        "scolarise": (1, 6.25),
        "sans_emploi": (1, 6.25),
        "en_emploi": (1, 6.25),
        "retraite": (2, 12.5),
        NC: (11, 68.75),
    },
    communes_beneficiaires=[
        commune(NC, 12, 75.0), commune(REIMS, 2, 12.5), commune(CHARLEVILLE, 1, 6.25), commune(EPERNAY, 1, 6.25),
    ],
)

# ---------------------------------------------------------------------------------------------
# Not a conseiller numérique + no « aide aux démarches », 2025: Bruno's and Chloé's b1, c1, c2
# (b2 has the démarche). Nothing for Alice; c1 for the team.
# ---------------------------------------------------------------------------------------------

RIEN = Attendu(
    periode=(DU, AU),
    accompagnements=(0, 0, 0),
    activites=(0, 0, 0, 0),
    beneficiaires=(0, 0, 0, 0),
    types=((0, 0, 0.0), (0, 0, 0.0)),
    mois=(*MOIS_2025, {}),
    jours=DECEMBRE,
    thematiques_mediation={},
    thematiques_demarches={},
    tags=[],
    materiel={},
    canaux={},
    durees={},
    lieux=[],
    communes=[],
    genres={},
    tranches_age={},
    statuts={},
    communes_beneficiaires=[],
)

EQUIPE_NON_CONSEILLER = Attendu(
    periode=(DU, AU),
    accompagnements=(1, 1, 0),  # c1 (not c2)
    activites=(1, 1, 0, 0),
    beneficiaires=(1, 1, 0, 1),
    types=((1, 1, 100.0), (0, 0, 0.0)),
    mois=(*MOIS_2025, {"02/25": 1}),
    jours=DECEMBRE,
    thematiques_mediation={"email": (1, 100.0)},
    thematiques_demarches={},
    tags=[],
    materiel={},  # c1: none
    canaux={"domicile": (1, 100.0)},
    durees={"30": (1, 100.0)},
    lieux=[],
    communes=[commune(REIMS, 1, 100.0)],
    genres={"feminin": (1, 100.0)},
    tranches_age={NC: (1, 100.0)},
    statuts={NC: (1, 100.0)},
    communes_beneficiaires=[commune(NC, 1, 100.0)],
)

NATIONAL_NON_CONSEILLER = Attendu(
    periode=(DU, AU),
    accompagnements=(5, 2, 3),  # c1, c2 + b1's 3
    activites=(3, 2, 1, 0),
    beneficiaires=(5, 5, 1, 4),  # Gaspard, b1's 2, c1's, c2's: all premiers
    types=((2, 2, 40.0), (1, 3, 60.0)),
    mois=(*MOIS_2025, {"02/25": 4, "03/25": 1}),  # b1 + c1; c2
    jours=DECEMBRE,
    thematiques_mediation={"email": (5, 100.0)},
    thematiques_demarches={},
    tags=[("T2", T2, 3, 100.0)],
    materiel={"telephone": (3, 100.0)},
    canaux={"lieu_activite": (3, 60.0), "domicile": (2, 40.0)},
    durees={"30": (1, 20.0), "60": (4, 80.0)},  # c1; b1's 3, c2
    lieux=[("L3", L3, 3, 100.0)],
    communes=[commune(EPERNAY, 3, 60.0), commune(REIMS, 2, 40.0)],
    genres={"masculin": (1, 20.0), "feminin": (1, 20.0), NC: (3, 60.0)},  # Gaspard; c1's
    tranches_age={NC: (5, 100.0)},
    statuts={"sans_emploi": (1, 20.0), NC: (4, 80.0)},
    communes_beneficiaires=[commune(NC, 4, 80.0), commune(REIMS, 1, 20.0)],
)

CAS: list[tuple[str, str, Attendu]] = [
    ("equipe", "annee", EQUIPE_ANNEE),
    ("national", "annee", NATIONAL_ANNEE),
    ("mediateur", "periode+types", MEDIATEUR_PERIODE_TYPES),
    ("equipe", "periode+types", EQUIPE_PERIODE_TYPES),
    ("national", "periode+types", NATIONAL_PERIODE_TYPES),
    ("mediateur", "thematiques+communes", MEDIATEUR_THEMATIQUES_COMMUNES),
    ("equipe", "thematiques+communes", EQUIPE_THEMATIQUES_COMMUNES),
    ("national", "thematiques+communes", NATIONAL_THEMATIQUES_COMMUNES),
    ("mediateur", "conseiller_numerique+lieux", CONSEILLER_LIEUX),
    ("equipe", "conseiller_numerique+lieux", CONSEILLER_LIEUX),
    ("national", "conseiller_numerique+lieux", CONSEILLER_LIEUX),
    ("mediateur", "beneficiaires+tags", MEDIATEUR_BENEFICIAIRES_TAGS),
    ("equipe", "beneficiaires+tags", MEDIATEUR_BENEFICIAIRES_TAGS),  # c1 has neither
    ("national", "beneficiaires+tags", NATIONAL_BENEFICIAIRES_TAGS),
    ("mediateur", "departement+periode", MEDIATEUR_DEPARTEMENT),
    ("equipe", "departement+periode", EQUIPE_DEPARTEMENT),
    ("national", "departement+periode", NATIONAL_DEPARTEMENT),
    ("mediateur", "conseiller_numerique+demarches", RIEN),
    ("equipe", "conseiller_numerique+demarches", EQUIPE_NON_CONSEILLER),
    ("national", "conseiller_numerique+demarches", NATIONAL_NON_CONSEILLER),
]


@pytest.fixture
async def jeu(hub: Hub) -> Jeu:
    jeu = await construire(hub)
    await rafraichir_cumuls(hub, marge=timedelta(0))
    return jeu


def portee(jeu: Jeu, nom: str) -> Any:
    if nom == "mediateur":
        return PorteeMediateur(jeu["Alice"])
    if nom == "equipe":
        assert jeu.equipe is not None
        return jeu.equipe
    return PorteeNationale()


def filtres(jeu: Jeu, combinaison: str) -> FiltresActivites:
    donnees = ANNEE if combinaison == "annee" else COMBINAISONS[combinaison]
    ids = {
        champ: [jeu[cle] for cle in valeurs]
        for champ, valeurs in donnees.items()
        if champ in ("lieux", "beneficiaires", "tags")
    }
    return FiltresActivites(**{**donnees, **ids})


def cles(jeu: Jeu) -> dict[str, str]:
    """Tag and lieu ids → their key in the data set."""
    return {jeu[cle]: cle for cle in ("T1", "T2", "L1", "L2", "L3")}


async def calculer(hub: Hub, jeu: Jeu, nom_portee: str, combinaison: str, *, cumuls: bool) -> Statistiques:
    async with hub.session() as session:
        return await calculer_statistiques(
            session, portee(jeu, nom_portee), filtres(jeu, combinaison), aujourd_hui=AUJOURD_HUI, cumuls=cumuls
        )


async def test_the_team_has_a_member_who_left_with_an_activity_after_she_left(hub: Hub, jeu: Jeu) -> None:
    assert jeu.equipe is not None
    assert jeu.equipe.membres == {jeu["Alice"]: None, jeu["Chloe"]: date(2025, 3, 2)}
    async with hub.session() as session:
        chloe = await calculer_statistiques(
            session, PorteeMediateur(jeu["Chloe"]), FiltresActivites(**ANNEE), aujourd_hui=AUJOURD_HUI
        )
    # c1 (28 February) and c2 (5 March, after she left): the team counts c1 only.
    assert [(p.debut, p.nombre) for p in chloe.par_mois if p.nombre] == [(date(2025, 2, 1), 1), (date(2025, 3, 1), 1)]


@pytest.mark.parametrize(("nom_portee", "combinaison", "attendu"), CAS, ids=[f"{p}-{c}" for p, c, _ in CAS])
async def test_every_figure_of_every_section(hub: Hub, jeu: Jeu, nom_portee: str, combinaison: str, attendu: Attendu) -> None:
    """The same figures computed directly and with the rollup (it serves the national scope
    filtered on the period and types only; the other calculations are direct either way)."""
    for cumuls in (False, True):
        stats = await calculer(hub, jeu, nom_portee, combinaison, cumuls=cumuls)
        verifier(stats, attendu, cles(jeu), mode="cumuls" if cumuls else "direct")
    if nom_portee == "national" and combinaison in ("annee", "periode+types"):
        # The rollup really answers these (national, period and types only).
        filtre = filtres(jeu, combinaison)
        async with hub.session() as session:
            assert await compter_avec_cumuls(session, PorteeNationale(), filtre, fenetre(filtre.au or AUJOURD_HUI), 2025)
