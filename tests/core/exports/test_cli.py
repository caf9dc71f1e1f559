"""``hub export``: the « Activités » and bénéficiaires exports written to a file whose
extension gives the format; the shared filters as ``--filtre nom=valeur``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.exports.support import equipe_au_travail, tableau
from tests.core.imports import ligne_de_commande

CAMILLE, DOMINIQUE = "camille@exemple.fr", "dominique@exemple.fr"


@pytest.fixture
def environnement(tmp_path: Path) -> dict[str, str]:
    return ligne_de_commande.environnement(tmp_path / "base", equipe_au_travail)


def test_a_mediator_s_activities_are_exported_with_the_filters_given(
    environnement: dict[str, str], tmp_path: Path
) -> None:
    fichier = tmp_path / "ateliers.xlsx"

    resultat = ligne_de_commande.invoquer(
        environnement, "export", "activites", str(fichier), "--compte", CAMILLE, "--filtre", "types=collectif"
    )

    assert resultat.exit_code == 0, resultat.output
    assert resultat.stdout == f"10 accompagnements exportés dans {fichier}.\n"
    assert len(tableau(fichier.read_bytes())[1]) == 10


def test_a_coordinator_exports_the_team_and_a_mediator_the_beneficiaries_as_csv(
    environnement: dict[str, str], tmp_path: Path
) -> None:
    equipe, beneficiaires = tmp_path / "equipe.csv", tmp_path / "beneficiaires.csv"

    par_equipe = ligne_de_commande.invoquer(
        environnement, "export", "activites", str(equipe), "--compte", DOMINIQUE, "--equipe"
    )
    suivis = ligne_de_commande.invoquer(
        environnement, "export", "beneficiaires", str(beneficiaires), "--compte", CAMILLE
    )

    assert (par_equipe.exit_code, suivis.exit_code) == (0, 0)
    contenu = equipe.read_text(encoding="utf-8-sig")
    assert len(contenu.splitlines()) == 12 and "Alix" not in contenu
    assert beneficiaires.read_text(encoding="utf-8-sig").splitlines()[1].startswith("Martin;Alix;")


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["activites", "x.ods", "--compte", CAMILLE], 2, "Le fichier doit finir par .xlsx ou .csv."),
        (["activites", "x.csv", "--compte", CAMILLE, "--filtre", "collectif"], 1, "--filtre : Écrivez chaque filtre"),
        (["activites", "x.csv", "--compte", CAMILLE, "--filtre", "du=hier"], 1, "--filtre du : Date invalide"),
        (["beneficiaires", "x.csv", "--compte", DOMINIQUE], 1, "Réservé aux médiateurs."),
    ],
)
def test_a_refused_export_stops_with_a_french_error(
    environnement: dict[str, str], tmp_path: Path, arguments: list[str], code: int, message: str
) -> None:
    arguments[1] = str(tmp_path / arguments[1])

    resultat = ligne_de_commande.invoquer(environnement, "export", *arguments)

    assert resultat.exit_code == code
    assert message in resultat.stderr
