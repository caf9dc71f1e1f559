"""Every hook spec has a section with an example in docs/plugins.md and a test named after it."""

import inspect
import re
from pathlib import Path

import pytest

from hub.core.plugins import hookspecs
from plugins.stats import hookspecs as stats_hookspecs

HOOKSPEC_MODULES = (hookspecs, stats_hookspecs)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"


def hook_names() -> list[str]:
    return sorted(
        name
        for module in HOOKSPEC_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if hasattr(function, "hub_spec")
    )


def test_hook_list_is_not_empty() -> None:
    assert "hub_register_widgets" in hook_names()


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_is_documented_with_an_example(hook: str) -> None:
    sections = re.split(r"^### ", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE)
    section = next((s for s in sections if s.split("\n", 1)[0].strip() == hook), None)
    assert section is not None, f"docs/plugins.md n'a pas de section « ### {hook} »"
    assert "```python" in section and hook in section.split("```python", 1)[1], (
        f"la section {hook} de docs/plugins.md n'a pas d'exemple de code qui implémente le hook"
    )


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_test_named_after_it(hook: str) -> None:
    pattern = re.compile(rf"^(async )?def test_{hook}(_\w*)?\(", re.MULTILINE)
    found = [path for path in (ROOT / "tests").rglob("test_*.py") if pattern.search(path.read_text(encoding="utf-8"))]
    assert found, f"aucun test ne s'appelle test_{hook}… : ajoutez-en un qui prouve le contrat du hook"
