"""The stats plugin publishes ``stats_register_indicators``; other plugins' figures show on its page."""

import logging
from datetime import date
from types import SimpleNamespace

import pytest

from hub import PluginManifest, hookimpl
from hub.core.activites.dates import aujourd_hui
from plugins.stats.indicators import Indicator


def indicator_plugin(name: str, *indicators: Indicator) -> SimpleNamespace:
    @hookimpl
    def stats_register_indicators() -> list[Indicator]:
        return list(indicators)

    manifest = PluginManifest(name=name, title=name, description="Indicateurs de test.")
    return SimpleNamespace(MANIFEST=manifest, stats_register_indicators=stats_register_indicators)


def constant(value: int):
    async def compute(ctx) -> int:
        today = aujourd_hui()
        assert (ctx.start, ctx.end) == (date(today.year, 1, 1), today)  # the page's period, by default
        return value

    return compute


async def test_stats_register_indicators_values_show_on_mes_statistiques(hub_with, client_of, moteur_enregistre) -> None:
    hub = await hub_with("stats")
    hub.registry.register(
        indicator_plugin("partenaire", Indicator(id="partenaire.visites", label="Visites du partenaire", compute=constant(1234))),
        name="partenaire",
    )
    client = await client_of(hub)

    page = await client.get("/stats")

    assert page.status_code == 200
    assert "Visites du partenaire" in page.text and "1\u202f234" in page.text


async def test_badly_named_indicator_is_left_out_and_logged(
    hub_with, client_of, moteur_enregistre, caplog: pytest.LogCaptureFixture
) -> None:
    hub = await hub_with("stats")
    hub.registry.register(
        indicator_plugin("partenaire", Indicator(id="autre.visites", label="Mal nommé", compute=constant(1))),
        name="partenaire",
    )
    client = await client_of(hub)

    with caplog.at_level(logging.ERROR):
        page = await client.get("/stats")

    assert page.status_code == 200 and "Mal nommé" not in page.text
    assert "le plugin partenaire renvoie un indicateur invalide" in caplog.text


async def test_formations_boots_without_stats_its_indicator_left_unused(hub_with) -> None:
    hub = await hub_with("formations", "stats", plugins_disabled=["stats"])
    assert hub.registry.plugins["stats"].blocked and not hub.registry.plugins["formations"].blocked
    assert hub.registry.pm.hook.stats_register_indicators.spec is None
