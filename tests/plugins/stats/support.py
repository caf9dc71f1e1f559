"""What the stats plugin's tests share: statistics built by hand (the engine's result type), an
engine stand-in that records what the pages asked for, and readers of the rendered numbers."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import Portee
from hub.core.stats.resultats import (
    Part,
    Point,
    Statistiques,
    TotauxAccompagnements,
    TotauxActivites,
    TotauxBeneficiaires,
    TypeActivite,
)
from hub.core.activites.service import creer_activite
from plugins.stats import moteur
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, EnPoste, beneficiaire, cra, mediateur_en_poste


def parts(*valeurs: tuple[str, int]) -> list[Part]:
    total = sum(nombre for _, nombre in valeurs) or 1
    return [
        Part(valeur=libelle.lower(), libelle=libelle, nombre=nombre, proportion=round(nombre * 100 / total, 3))
        for libelle, nombre in valeurs
    ]


def statistiques_exemple(du: date | None = date(2025, 1, 1), au: date | None = date(2025, 3, 31)) -> Statistiques:
    """Figures that differ from each other, so that a test tells which one the page shows."""
    fin = au or date(2025, 3, 31)
    par_mois = [Point(libelle=f"{m:02d}/25", debut=date(2025, m, 1), nombre=m * 7 if m <= 3 else 0) for m in range(1, 13)]
    par_jour = [
        Point(libelle=f"{(fin - timedelta(days=29 - r)):%d/%m}", debut=fin - timedelta(days=29 - r), nombre=r % 4)
        for r in range(30)
    ]
    return Statistiques(
        du=du,
        au=au,
        accompagnements=TotauxAccompagnements(total=1342, individuels=1017, collectifs=325),
        activites=TotauxActivites(total=1088, individuels=1017, collectifs=71, demarches=233),
        beneficiaires=TotauxBeneficiaires(total=911, nouveaux=604, suivis=389, anonymes=522),
        par_mois=par_mois,
        par_jour=par_jour,
        types=[
            TypeActivite(valeur="individuel", libelle="Accompagnement individuel", activites=1017, accompagnements=1017, proportion=75.782),
            TypeActivite(valeur="collectif", libelle="Atelier collectif", activites=71, accompagnements=325, proportion=24.218),
        ],
        thematiques_mediation=parts(("E-mail", 412), ("Santé", 208), ("Réseaux sociaux", 0)),
        thematiques_demarches=parts(("Logement", 97), ("Emploi", 58)),
        tags=parts(("Quartier prioritaire", 64)),
        materiel=parts(("Ordinateur", 801), ("Téléphone", 263)),
        canaux=parts(("Lieu d'activité", 1101), ("À domicile", 241)),
        durees=parts(("Moins de 30 min", 120), ("30 min à 1 h", 1003), ("1 h à 2 h", 201), ("2 h et plus", 18)),
        lieux=parts(*((f"Lieu numéro {n}", 100 - n) for n in range(1, 9))),
        communes=parts(("Reims", 1200), ("Épernay", 142)),
        genres=parts(("Féminin", 501), ("Masculin", 377), ("Non communiqué", 33)),
        tranches_age=parts(("60-69 ans", 301), ("70 ans et plus", 610)),
        statuts=parts(("Retraité", 700), ("En emploi", 211)),
        communes_beneficiaires=parts(("Reims", 880), ("Tinqueux", 31)),
    )


@dataclass
class MoteurEnregistre:
    """Stands in for the engine: returns ``resultat`` (or ``fabrique(filtres)``) and records each call."""

    resultat: Statistiques = field(default_factory=statistiques_exemple)
    appels: list[tuple[Portee, FiltresActivites, dict[str, Any]]] = field(default_factory=list)

    async def __call__(self, session: Any, portee: Portee, filtres: FiltresActivites, **options: Any) -> Statistiques:
        self.appels.append((portee, filtres, options))
        return self.resultat


@pytest.fixture
def moteur_enregistre(monkeypatch: pytest.MonkeyPatch) -> MoteurEnregistre:
    enregistre = MoteurEnregistre()
    monkeypatch.setattr(moteur, "statistiques", enregistre)
    return enregistre


def texte(fragment: str) -> str:
    """Text content of an HTML fragment, tags removed, entities and spaces normalised."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).replace("\u202f", " ").strip()


def bloc(page: str, ident: str) -> str:
    """The HTML of the element with ``id="ident"`` up to the next element of the same tag at its level (a
    section or a figure of the statistics page)."""
    debut = page.index(f'id="{ident}"')
    balise = page.rfind("<", 0, debut)
    nom = re.match(r"<(\w+)", page[balise:]).group(1)  # type: ignore[union-attr]
    profondeur, position = 0, balise
    for match in re.finditer(rf"<(/?){nom}\b", page[balise:]):
        profondeur += -1 if match.group(1) else 1
        if profondeur == 0:
            position = balise + match.end()
            break
    return page[balise : page.index(">", position) + 1]


def barres(fragment: str) -> list[tuple[str, int]]:
    """The bars of the SVG chart of ``fragment``: (label, number)."""
    return [(html.unescape(l), int(n)) for l, n in re.findall(r'data-libelle="([^"]*)" data-nombre="(\d+)"', fragment)]


def lignes_tableau(fragment: str) -> list[list[str]]:
    """The body rows of the tables of ``fragment``, each cell's text."""
    corps = "".join(re.findall(r"<tbody>(.*?)</tbody>", fragment, flags=re.S))
    return [[texte(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", ligne, flags=re.S)] for ligne in re.findall(r"<tr>(.*?)</tr>", corps, flags=re.S)]


def tags_actifs(page: str) -> dict[str, str]:
    """The active filters shown: label → the address without it."""
    return {
        html.unescape(libelle): html.unescape(adresse)
        for adresse, libelle in re.findall(r'class="fr-tag fr-tag--dismiss" href="([^"]*)"[^>]*>([^<]*)</a>', page)
    }


async def au_travail(hub) -> tuple[EnPoste, Any]:
    """A mediator (Dominique Durand) who followed Camille Martin, met an anonymous person and ran
    a workshop, in March and May 2025."""
    qui = await mediateur_en_poste(hub, "dominique@exemple.fr", prenom="Dominique", nom="Durand")
    camille = await beneficiaire(hub, qui, "Camille", "Martin", genre="feminin")
    async with hub.session() as db, db.begin():
        for item in (
            cra(INDIVIDUEL, beneficiaire={"id": camille}, thematiques=["email", "sante"]),
            cra(INDIVIDUEL, date="2025-05-02", duree="120", thematiques=["aide_aux_demarches_administratives", "logement"]),
            cra(COLLECTIF, date="2025-05-20", duree="90", thematiques=["email"], materiel=["tablette"]),
        ):
            await creer_activite(db, qui.id, item, par=qui.user_id)
    return qui, camille
