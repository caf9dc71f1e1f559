"""« Mes rendez-vous »: the page, the widget, declining a CRA, the statistics' indicators."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hub.core.activites.models import Activite
from hub.core.db.base import utcnow
from hub.core.identity.models import Mediateur
from hub.core.identity.principal import Principal
from hub.core.structures.models import Structure
from hub.testing import sign_in_client
from plugins.rdv.indicators import INDICATORS
from plugins.rdv.models import Rdv
from plugins.stats.indicators import IndicatorContext
from tests.plugins.rdv.soutien import AGENT, INSTANCE_ID, compte_lie, hub_rdv, relire, routeur


async def mirror(hub, *rdvs: dict) -> None:
    async with hub.session() as session, session.begin():
        for n, values in enumerate(rdvs):
            session.add(Rdv(**{"instance_id": INSTANCE_ID, "cle": f"{AGENT}-{n}", "agent_id": AGENT, "rdv_id": n,
                               "statut": "unknown", "participations": [], **values}))


def hours(n: float):
    return utcnow() + timedelta(hours=n)


async def linked_client(hub_with, client_of):
    hub = await hub_rdv(hub_with, routeur())
    compte = await compte_lie(hub)
    client = await client_of(hub, login=None)
    await sign_in_client(client, hub, compte.user_id)
    await mirror(
        hub,
        {"debut": hours(48), "motif": "Prise en main du smartphone", "lieu": "Médiathèque"},
        {"debut": hours(24), "motif": "Démarches CAF"},
        {"debut": hours(-24), "statut": "seen", "motif": "Créer son adresse e-mail"},
        {"debut": hours(-48), "motif": "Passé sans statut"},
        {"debut": hours(-72), "statut": "noshow", "motif": "Absence"},
        {"debut": hours(5), "statut": "revoked", "motif": "Annulé"},
        {"debut": hours(-96), "statut": "seen", "motif": "Déjà saisi"},
    )
    async with hub.session() as session, session.begin():
        mediateur = await session.scalar(sa.select(Mediateur).where(Mediateur.user_id == compte.user_id))
        structure = Structure(nom="Médiathèque", adresse="1 rue", commune="Vierzon", code_postal="18100")
        session.add(structure)
        await session.flush()
        session.add(Activite(structure_employeuse_id=structure.id, mediateur_id=mediateur.id, type="individuel", date=date.today(), duree=30,
                             rdv_id=f"{AGENT}-6", type_lieu="domicile", accompagnements_count=1))
    return hub, compte, client


async def test_the_widget_counts_upcoming_rdvs_shows_the_next_one_and_the_cras_to_do(hub_with, client_of) -> None:
    hub, _, client = await linked_client(hub_with, client_of)

    widget = await client.get("/widgets/rdv.mes_rdv", headers={"HX-Request": "true"})

    assert widget.status_code == 200
    assert "<strong>2</strong> rendez-vous à venir" in widget.text
    assert "Démarches CAF" in widget.text and "Prise en main" not in widget.text
    assert "<strong>2</strong> CRA à faire" in widget.text


async def test_declining_removes_an_rdv_from_the_cras_to_do_and_nobody_else_can(hub_with, client_of) -> None:
    hub, _, client = await linked_client(hub_with, client_of)
    page = await client.get("/rdv")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    stranger = await client_of(hub)
    stranger_page = await stranger.get("/rdv")
    stranger_token = stranger_page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    assert "Créer son adresse e-mail" in page.text and "Passé sans statut" in page.text
    refused = await stranger.post(f"/rdv/rdvs/{AGENT}-2/decliner", data={"csrf_token": stranger_token})
    declined = await client.post(f"/rdv/rdvs/{AGENT}-2/decliner", data={"csrf_token": token}, follow_redirects=False)
    after = await client.get("/rdv")

    assert refused.status_code == 404
    assert declined.headers["location"] == "/rdv?fait=decline"
    assert "Créer son adresse e-mail" not in after.text.split("Rendez-vous à venir")[0]
    assert [row.cra_decline for row in await relire(hub, Rdv, Rdv.cle == f"{AGENT}-2")] == [True]


async def test_indicators_count_the_period_s_honoured_rdvs_and_cras_to_do(hub_with, client_of) -> None:
    hub, compte, _ = await linked_client(hub_with, client_of)
    principal = Principal(id=compte.user_id, display_name="Camille")
    indicators = {indicator.id: indicator for indicator in INDICATORS}

    async with hub.session() as session:
        ctx = IndicatorContext(hub=hub, principal=principal, session=session,
                               start=date.today() - timedelta(days=5), end=date.today() + timedelta(days=5))
        values = {name: await indicators[name].compute(ctx) for name in ("rdv.honores", "rdv.cra_a_faire")}

    assert values == {"rdv.honores": 2, "rdv.cra_a_faire": 2}


async def test_rdv_boots_without_stats_and_registers_its_indicators_with_it(hub_with) -> None:
    alone = await hub_with("rdv")
    assert alone.catalog.widget("rdv.mes_rdv") is not None
