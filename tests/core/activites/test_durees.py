"""Durations: presets or custom, the options a mediator is offered, and the statistics buckets."""

from __future__ import annotations

import pytest

from hub.core.activites.durees import libelle_duree, options_duree, saisie_de, tranche_duree
from hub.core.activites.service import creer_activite
from hub.core.hub import Hub
from tests.core.activites.support import INDIVIDUEL, cra, mediateur_en_poste


@pytest.mark.parametrize(
    ("minutes", "cle", "libelle"),
    [
        (0, "30", "Moins de 30 min"),
        (29, "30", "Moins de 30 min"),
        (30, "60", "30min à 1 h"),
        (59, "60", "30min à 1 h"),
        (60, "120", "1 h à 2 h"),
        (119, "120", "1 h à 2 h"),
        (120, "plus", "2 h et plus"),
        (1439, "plus", "2 h et plus"),
    ],
)
def test_durations_fall_in_the_statistics_buckets(minutes: int, cle: str, libelle: str) -> None:
    tranche = tranche_duree(minutes)
    assert (tranche.cle, tranche.libelle) == (cle, libelle)


@pytest.mark.parametrize(
    ("minutes", "libelle", "saisie"),
    [
        (15, "15 min", ("15", None, None)),
        (60, "1 h", ("60", None, None)),
        (90, "1 h 30", ("90", None, None)),
        (75, "1 h 15", ("personnaliser", 1, 15)),
        (605, "10 h 05", ("personnaliser", 10, 5)),
    ],
)
def test_a_stored_duration_is_labelled_and_shown_in_the_form(
    minutes: int, libelle: str, saisie: tuple[str, int | None, int | None]
) -> None:
    assert (libelle_duree(minutes), saisie_de(minutes)) == (libelle, saisie)


async def test_durations_used_more_than_five_times_are_offered(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    async with hub.session() as session, session.begin():
        for duree, fois in ((75, 6), (40, 5), (45, 7)):
            for _ in range(fois):
                await creer_activite(session, qui.id, cra(INDIVIDUEL, duree=duree), par=None)
    async with hub.session() as session:
        options = await options_duree(session, qui.id)
    assert options == [
        ("15", "15 min"),
        ("30", "30 min"),
        ("45", "45 min"),
        ("60", "1 h"),
        ("75", "1 h 15"),
        ("90", "1 h 30"),
        ("120", "2 h"),
        ("personnaliser", "Personnaliser"),
    ]
