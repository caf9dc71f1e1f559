"""``hub import activites``: the summary, the faulty rows, and the exit code a script reads
(0 all imported, 1 nothing imported, 3 the valid rows only)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import Result

from hub.core.activites.models import Activite
from hub.core.activites.regles import DATE_AVANT_DISPOSITIF
from hub.core.db.engine import create_engine
from tests.core.activites.support import mediateur_en_poste
from tests.core.imports import ligne_de_commande
from tests.core.imports.fichiers import COLLECTIVE, INDIVIDUELLE, ecrire

Invoke = Callable[..., Result]
EMAIL = "camille@exemple.fr"


@pytest.fixture
def environnement(tmp_path: Path) -> dict[str, str]:
    """A database where camille@exemple.fr is a mediator at work."""
    return ligne_de_commande.environnement(tmp_path, lambda hub: mediateur_en_poste(hub, EMAIL))


@pytest.fixture
def hub_cli(environnement: dict[str, str]) -> Invoke:
    return functools.partial(ligne_de_commande.invoquer, environnement)


def activites(environnement: dict[str, str]) -> int:
    async def compter() -> int:
        engine = create_engine(environnement["HUB_DATABASE_URL"])
        try:
            async with engine.connect() as connexion:
                return await connexion.scalar(sa.select(sa.func.count()).select_from(Activite)) or 0
        finally:
            await engine.dispose()

    return asyncio.run(compter())


def test_a_valid_file_is_imported_with_a_summary(
    hub_cli: Invoke, environnement: dict[str, str], tmp_path: Path
) -> None:
    fichier = ecrire(tmp_path, [INDIVIDUELLE, COLLECTIVE, INDIVIDUELLE], "xlsx")

    resultat = hub_cli("import", "activites", str(fichier), "--mediateur", EMAIL.upper())

    assert resultat.exit_code == 0, resultat.output
    assert resultat.stdout.splitlines() == [
        "import.xlsx : 3 lignes lues, 3 valides (6 accompagnements), 0 en erreur.",
        "Import terminé : 3 activités enregistrées.",
    ]
    assert activites(environnement) == 3


def test_faulty_rows_are_listed_and_the_file_refused_unless_the_valid_ones_are_kept(
    hub_cli: Invoke, environnement: dict[str, str], tmp_path: Path
) -> None:
    fichier = ecrire(tmp_path, [INDIVIDUELLE, INDIVIDUELLE | {"Date": "2019-01-01"}, COLLECTIVE])

    analyse = hub_cli("import", "activites", str(fichier), "--mediateur", EMAIL, "--dry-run")
    refus = hub_cli("import", "activites", str(fichier), "--mediateur", EMAIL)
    assert activites(environnement) == 0
    partiel = hub_cli("import", "activites", str(fichier), "--mediateur", EMAIL, "--garder-valides")

    faute = f"Ligne 3, Date : {DATE_AVANT_DISPOSITIF}"
    assert (analyse.exit_code, refus.exit_code, partiel.exit_code) == (1, 1, 3)
    assert analyse.stdout.splitlines()[0] == faute
    assert analyse.stdout.splitlines()[-1] == "Analyse seule (--dry-run) : rien n'a été écrit."
    assert refus.stdout.splitlines()[-1] == (
        "Rien n'a été importé : 1 ligne en erreur. Corrigez-les, ou importez les lignes valides seules avec "
        "--garder-valides."
    )
    assert partiel.stdout.splitlines() == [
        faute,
        "import.csv : 3 lignes lues, 2 valides (5 accompagnements), 1 en erreur.",
        "Import terminé : 2 activités enregistrées.",
    ]
    assert activites(environnement) == 2


def test_a_dry_run_of_a_valid_file_writes_nothing(
    hub_cli: Invoke, environnement: dict[str, str], tmp_path: Path
) -> None:
    resultat = hub_cli("import", "activites", str(ecrire(tmp_path, [INDIVIDUELLE])), "--mediateur", EMAIL, "--dry-run")

    assert resultat.exit_code == 0
    assert activites(environnement) == 0


@pytest.mark.parametrize(
    ("contenu", "mediateur", "message"),
    [
        (
            "Type;Date\n",
            EMAIL,
            "FICHIER : Colonnes obligatoires absentes : « Durée (min) », « Canal », « Thématiques ».",
        ),
        ("Type;Date;Durée (min);Canal;Thématiques\n", "inconnu@exemple.fr", "Aucun compte n'a l'adresse"),
    ],
)
def test_an_unusable_file_or_an_unknown_account_stops_with_a_french_error(
    hub_cli: Invoke, tmp_path: Path, contenu: str, mediateur: str, message: str
) -> None:
    fichier = tmp_path / "a.csv"
    fichier.write_text(contenu)

    resultat = hub_cli("import", "activites", str(fichier), "--mediateur", mediateur)

    assert resultat.exit_code == 1
    assert message in resultat.stderr
