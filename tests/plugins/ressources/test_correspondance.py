"""The CRA thematique → Les Bases themes mapping: complete, and written the same in the module's
docstring, in docs/ressources.md and in the dictionary."""

import re
from pathlib import Path

from hub.core.activites.thematiques import LABELS
from plugins.ressources import correspondance
from plugins.ressources.correspondance import CORRESPONDANCE, themes_de

DOC = Path(__file__).resolve().parents[3] / "docs" / "ressources.md"


def test_every_cra_thematique_has_at_least_one_theme() -> None:
    assert set(CORRESPONDANCE) == set(LABELS)
    assert all(CORRESPONDANCE[t] for t in LABELS)
    assert themes_de("inconnue") == ()


def test_the_docstring_table_is_the_dictionary() -> None:
    lignes = re.findall(r"^([a-z_]+)\s{2,}([a-z_, ]+)$", correspondance.__doc__ or "", re.MULTILINE)
    lu = {t: tuple(c.strip() for c in themes.split(",")) for t, themes in lignes if t != "CRA"}
    assert lu == CORRESPONDANCE


def test_the_documentation_table_is_the_dictionary() -> None:
    lignes = re.findall(r"^\| `([a-z_]+)` \([^|]*\) \| (.*) \|$", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    lu = {t: tuple(re.findall(r"`([a-z_]+)`", themes)) for t, themes in lignes}
    assert lu == CORRESPONDANCE
