"""The formations plugin in the web app: catalogue page, dashboard widget, menu; gone when blocked."""

from datetime import UTC, date, datetime, timedelta

from plugins.formations.models import Formation
from hub.core.sync.models import ConnectorInstance


async def add_formations(hub, *rows: dict) -> None:
    async with hub.session() as session, session.begin():
        session.add(ConnectorInstance(id="catalogue", plugin="formations", kind="formations.catalogue", title="Catalogue"))
        await session.flush()
        for index, row in enumerate(rows):
            values = {
                "instance_id": "catalogue",
                "source_id": f"f{index}",
                "organisme": "Organisme",
                "modalite": "distanciel",
                "publics": ["mediateur"],
                "thematiques": ["sante"],
                "mis_a_jour_le": datetime.now(UTC),
            }
            session.add(Formation(**(values | row)))


def in_days(days: int) -> date:
    return date.today() + timedelta(days=days)


async def test_catalogue_lists_upcoming_trainings_and_filters_by_public(hub_with, client_of) -> None:
    hub = await hub_with("formations")
    await add_formations(
        hub,
        {"titre": "Santé en ligne", "date_debut": in_days(10)},
        {"titre": "Piloter une équipe", "date_debut": in_days(20), "publics": ["coordinateur"]},
        {"titre": "Déjà passée", "date_debut": in_days(-10)},
        {"titre": "Retirée du flux", "date_debut": in_days(5), "supprime_le": datetime.now(UTC)},
    )
    client = await client_of(hub)

    everything = await client.get("/formations")
    coordinators = await client.get("/formations", params={"public": "coordinateur"})

    assert everything.status_code == 200
    assert "Santé en ligne" in everything.text and "Piloter une équipe" in everything.text
    assert "Déjà passée" not in everything.text and "Retirée du flux" not in everything.text
    assert "2 formations à venir" in everything.text
    assert "Piloter une équipe" in coordinators.text and "Santé en ligne" not in coordinators.text


async def test_unknown_filter_value_is_a_clear_400(hub_with, client_of) -> None:
    client = await client_of(await hub_with("formations"))
    response = await client.get("/formations", params={"public": "astronaute"})
    assert response.status_code == 400


async def test_widget_shows_the_next_three_and_the_total(hub_with, client_of) -> None:
    hub = await hub_with("formations")
    await add_formations(hub, *({"titre": f"Formation {n}", "date_debut": in_days(n)} for n in range(1, 6)))
    client = await client_of(hub)

    dashboard = await client.get("/")
    widget = await client.get("/widgets/formations.a_venir", headers={"HX-Request": "true"})

    assert 'hx-get="/widgets/formations.a_venir"' in dashboard.text
    assert [f"Formation {n}" in widget.text for n in range(1, 6)] == [True, True, True, False, False]
    assert "5 formations à venir au catalogue" in widget.text
