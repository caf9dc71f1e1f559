"""axe-core in the browser tests: the WCAG 2.1 A and AA rules run on the page as it is now.

axe-core is a development dependency of ``hub/web/package.json`` (exact version in the lock file):
``npm ci`` — run by ``python -m hub.web.assets``, hence by ``make test`` — puts it in
``hub/web/node_modules``. It is never copied to ``static/vendor/`` nor served by the hub: the
tests read it from ``node_modules`` and evaluate it in the page through the DevTools protocol
(``page.evaluate``), which a Content-Security-Policy with nonces does not block, where an inline
``<script>`` added to the page would be.

``analyser(page)`` returns the violations by impact; ``verifier(page, nom)`` fails the test on a
serious or critical one and returns the others, which :data:`RELEVE` keeps for the run's summary
(``docs/accessibility.md`` lists them, with a plan).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hub.web import WEB_DIR

AXE_JS = WEB_DIR / "node_modules" / "axe-core" / "axe.min.js"
REGLES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 A and AA (2.0 rules included)
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOQUANTS = ("critical", "serious")

OPTIONS = {"runOnly": {"type": "tag", "values": REGLES}, "resultTypes": ["violations"]}


@dataclass(frozen=True)
class Violation:
    regle: str
    impact: str
    aide: str
    url_aide: str
    elements: list[str]  # the CSS selectors axe gives, with the failure summary of each

    def __str__(self) -> str:
        lignes = "\n".join(f"    - {element}" for element in self.elements[:8])
        plus = f"\n    … et {len(self.elements) - 8} autres" if len(self.elements) > 8 else ""
        return f"  [{self.impact}] {self.regle} : {self.aide} ({self.url_aide})\n{lignes}{plus}"


@dataclass
class Rapport:
    """The violations of one page, by impact (``critical``, ``serious``, ``moderate``, ``minor``)."""

    page: str
    par_impact: dict[str, list[Violation]] = field(default_factory=dict)

    @property
    def bloquantes(self) -> list[Violation]:
        return [v for impact in BLOQUANTS for v in self.par_impact.get(impact, [])]

    @property
    def autres(self) -> list[Violation]:
        return [v for impact in IMPACTS if impact not in BLOQUANTS for v in self.par_impact.get(impact, [])]

    def __str__(self) -> str:
        violations = [v for impact in IMPACTS for v in self.par_impact.get(impact, [])]
        if not violations:
            return f"{self.page} : aucune violation WCAG 2.1 A/AA détectée par axe-core"
        return f"{self.page} : {len(violations)} règle(s) en défaut\n" + "\n".join(map(str, violations))


RELEVE: list[Rapport] = []  # every page checked during the run, for the summary


@cache
def source_axe() -> str:
    if not AXE_JS.is_file():
        raise AssertionError(
            f"axe-core est introuvable ({AXE_JS}) : lancez `npm ci --ignore-scripts` dans hub/web "
            "(ou `make test`, qui installe les dépendances de package-lock.json)."
        )
    return AXE_JS.read_text(encoding="utf-8")


async def injecter(page: Any) -> str:
    """Load axe-core in ``page`` (once per document); its version."""
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.evaluate(source_axe())
    return await page.evaluate("() => window.axe.version")


async def analyser(page: Any, nom: str | None = None, *, contexte: Any = None) -> Rapport:
    """Run the WCAG 2.1 A and AA rules on ``page`` (on ``contexte``, an axe context, when given)."""
    await injecter(page)
    resultats = await page.evaluate(
        "([contexte, options]) => window.axe.run(contexte || document, options)",
        [contexte, OPTIONS],
    )
    rapport = Rapport(page=nom or page.url)
    for brute in resultats["violations"]:
        violation = Violation(
            regle=brute["id"],
            impact=brute.get("impact") or "minor",
            aide=brute["help"],
            url_aide=brute["helpUrl"],
            elements=[_element(noeud) for noeud in brute["nodes"]],
        )
        rapport.par_impact.setdefault(violation.impact, []).append(violation)
    return rapport


async def verifier(page: Any, nom: str | None = None) -> Rapport:
    """Fail on any serious or critical violation of ``page``; the report (moderate and minor ones
    stay, listed in ``docs/accessibility.md``)."""
    rapport = await analyser(page, nom)
    RELEVE.append(rapport)
    assert not rapport.bloquantes, "Violations graves ou critiques (axe-core, WCAG 2.1 A/AA) :\n" + str(rapport)
    return rapport


def resume() -> str:
    """The run's summary: each page, each rule in fault."""
    return "\n".join(str(rapport) for rapport in RELEVE)


def _element(noeud: dict[str, Any]) -> str:
    cible = " ".join(json.dumps(part, ensure_ascii=False) if not isinstance(part, str) else part for part in noeud["target"])
    resume_echec = " ".join((noeud.get("failureSummary") or "").split())
    return f"{cible} — {resume_echec}" if resume_echec else cible

