"""A large export streams: its peak memory does not grow with its rows (xlsxwriter in
``constant_memory`` mode, rows fetched in batches by a server-side cursor)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeMediateur
from hub.core.activites.service import creer_activite
from hub.core.exports.activites.service import exporter_activites
from hub.core.hub import Hub
from tests.core.activites.support import COLLECTIF, EnPoste, cra, mediateur_en_poste
from tests.core.exports.support import principal

PAR_ATELIER = 1_000


async def ateliers(hub: Hub, qui: EnPoste, nombre: int) -> None:
    """``nombre`` workshops of :data:`PAR_ATELIER` anonymous participants each."""
    for rang in range(nombre):
        atelier = cra(COLLECTIF, date=f"2025-03-{rang + 1:02d}", participants_anonymes={"total": PAR_ATELIER})
        async with hub.session() as session, session.begin():
            await creer_activite(session, qui.id, atelier, par=None)


async def exporter_en_mesurant(hub: Hub, qui: EnPoste, chemin: Path) -> tuple[int, int]:
    """The rows of the mediator's export written to ``chemin``, and the peak of Python memory
    while it was written."""
    auteur = await principal(hub, qui.user_id)
    async with hub.session() as session:
        tracemalloc.start()
        try:
            with chemin.open("wb") as sortie:
                lignes = await exporter_activites(
                    session, PorteeMediateur(qui.id), FiltresActivites(), sortie, "xlsx", auteur=auteur
                )
            _, pic = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return lignes, pic


async def test_the_peak_memory_of_an_export_does_not_grow_with_its_rows(hub: Hub, tmp_path: Path) -> None:
    petit = await mediateur_en_poste(hub, "petit@exemple.fr")
    grand = await mediateur_en_poste(hub, "grand@exemple.fr")
    await ateliers(hub, petit, 2)
    await ateliers(hub, grand, 20)

    lignes_petit, pic_petit = await exporter_en_mesurant(hub, petit, tmp_path / "petit.xlsx")
    lignes_grand, pic_grand = await exporter_en_mesurant(hub, grand, tmp_path / "grand.xlsx")

    assert (lignes_petit, lignes_grand) == (2_000, 20_000)
    assert pic_grand < 2 * pic_petit, (pic_petit, pic_grand)  # ten times the rows, not twice the memory
