"""« Près de chez moi »: the nearest national lieux of the mediator's own lieux, by distance."""

import pytest
import sqlalchemy as sa

from hub.core.identity.models import Mediateur
from hub.core.structures.models import Structure
from hub.testing import login_as
from plugins.cartographie.proximite import distance_km
from tests.connectors.data_inclusion.fixtures import structure

from .population import structure as structure_du_hub
from hub.core.sync.engine import run_stream
from hub.core.sync.states import setup_instance
from tests.connectors.data_inclusion.fixtures import envelopes

from .soutien import INSTANCE, hub_carto, routeur

REIMS = (49.2583, 4.0347)
NATIONAUX = [
    structure(1, nom="Épernay, espace numérique", latitude=49.0436, longitude=3.9560),
    structure(2, nom="Reims, maison de quartier", latitude=49.2620, longitude=4.0300),
    structure(3, nom="Châlons, médiathèque", latitude=48.9566, longitude=4.3631),
    structure(4, nom="Sans coordonnées", latitude=None, longitude=None),
    structure(6, nom="Mon propre lieu", latitude=REIMS[0], longitude=REIMS[1]),
]
ARDENNES = [structure(5, nom="Charleville, hors département", departement="08", latitude=49.7621, longitude=4.7264)]


async def hub_synchronise(hub_with):
    """The Marne and the Ardennes synced, each département answering its own lieux."""
    router = routeur()
    for code, lieux in (("51", NATIONAUX), ("08", ARDENNES)):
        router.get("/api/v1/structures", params={"code_departement": code}).respond(json=envelopes(lieux, 100)[1])
    hub = await hub_carto(hub_with, router, departements=["51", "08"])
    await setup_instance(hub, INSTANCE)
    assert (await run_stream(hub, INSTANCE, "lieux")).status == "success"
    return hub


def test_distance_is_the_great_circle_distance() -> None:
    assert distance_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=2)  # Paris – Lyon
    assert distance_km(*REIMS, *REIMS) == 0


async def test_the_widget_lists_the_nearest_lieux_of_my_departement_nearest_first(hub_with, client_of) -> None:
    hub = await hub_synchronise(hub_with)
    client = await client_of(hub, login=None)
    user = await login_as(client, hub, roles=("mediateur",))
    async with hub.session() as db:
        mediateur_id = await db.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id))
    mien = await structure_du_hub(
        hub, {"nom": "Mon lieu", "adresse": "1 place d'Erlon", "commune": "Reims", "code_postal": "51100",
              "code_insee": "51454", "latitude": REIMS[0], "longitude": REIMS[1]},
        visible=False, mediateur_id=mediateur_id,
    )
    async with hub.session() as db, db.begin():
        lien = {"structure_cartographie_nationale_id": NATIONAUX[4]["id"]}  # already linked: not a neighbour
        await db.execute(sa.update(Structure).where(Structure.id == mien).values(**lien))

    bloc = await client.get("/widgets/cartographie.pres_de_chez_moi")

    assert bloc.status_code == 200, bloc.text
    texte = bloc.text
    positions = [texte.find(nom) for nom in ("Reims, maison de quartier", "Épernay, espace numérique", "Châlons, médiathèque")]
    assert -1 not in positions and positions == sorted(positions)
    assert "0,5 km de Mon lieu" in texte and "24,6 km de Mon lieu" in texte and "41,2 km de Mon lieu" in texte
    for absent in ("Sans coordonnées", "Charleville", "Mon propre lieu"):
        assert absent not in texte


async def test_without_coordinates_the_widget_says_what_is_missing(hub_with, client_of) -> None:
    hub = await hub_synchronise(hub_with)
    client = await client_of(hub)

    bloc = await client.get("/widgets/cartographie.pres_de_chez_moi")

    assert bloc.status_code == 200 and "ses coordonnées (latitude, longitude)" in bloc.text
