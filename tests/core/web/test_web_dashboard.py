import asyncio
import logging

import sqlalchemy as sa
from web_helpers import ExamplePlugin, html_widget

import hub as hub_api

HX = {"HX-Request": "true"}


def widget_order(html: str, *widget_ids: str) -> list[str]:
    present = [widget_id for widget_id in widget_ids if f'data-widget="{widget_id}"' in html]
    return sorted(present, key=lambda widget_id: html.index(f'data-widget="{widget_id}"'))


async def test_hub_register_widgets_dashboard_lays_out_those_the_user_may_see_in_order(client_for):
    plugin = ExamplePlugin(
        widgets=[
            html_widget("exemple.second", "<p>2</p>", order=20, permission="exemple.voir"),
            html_widget("exemple.premier", "<p>1</p>", order=10),
            html_widget("exemple.secret", "<p>secret</p>", permission="exemple.reserve"),
        ]
    )
    client = await client_for(plugin)

    response = await client.get("/")

    assert response.status_code == 200
    assert widget_order(response.text, "exemple.premier", "exemple.second", "exemple.secret") == [
        "exemple.premier",
        "exemple.second",
    ]
    assert 'hx-get="/widgets/exemple.premier"' in response.text
    assert 'hx-trigger="load"' in response.text
    assert '<a class="fr-link" href="/widgets/exemple.premier">' in response.text  # without JavaScript


async def test_widget_fragment_is_the_widget_html(client_for):
    client = await client_for(ExamplePlugin(widgets=[html_widget("exemple.bonjour", "<p>Bonjour</p>")]))

    response = await client.get("/widgets/exemple.bonjour", headers=HX)

    assert response.status_code == 200
    assert response.text.strip() == "<p>Bonjour</p>"
    assert response.headers["vary"] == "HX-Request"


async def test_widget_without_javascript_is_a_full_page(client_for):
    client = await client_for(ExamplePlugin(widgets=[html_widget("exemple.bonjour", "<p>Bonjour</p>")]))

    response = await client.get("/widgets/exemple.bonjour")

    assert response.status_code == 200
    assert response.text.count("<h1") == 1
    assert "<h1>Bloc exemple.bonjour</h1>" in response.text
    assert "<p>Bonjour</p>" in response.text


async def test_widget_can_render_templates_with_a_database_session(client_for):
    async def render(ctx: hub_api.WidgetContext) -> str:
        one = await ctx.session.scalar(sa.text("SELECT 1"))
        return ctx.render_template("exemple/widget.html", valeur=one)

    widget = hub_api.WidgetSpec(id="exemple.gabarit", title="Gabarit", render=render)
    client = await client_for(ExamplePlugin(widgets=[widget]))

    response = await client.get("/widgets/exemple.gabarit", headers=HX)

    assert "<p>Valeur : 1 (Hub de la médiation numérique)</p>" in response.text


async def test_raising_widget_becomes_an_error_card_and_the_page_stays_up(client_for, caplog):
    async def broken(ctx: hub_api.WidgetContext) -> str:
        raise RuntimeError("base indisponible")

    plugin = ExamplePlugin(widgets=[hub_api.WidgetSpec(id="exemple.casse", title="Cassé", render=broken)])
    client = await client_for(plugin)

    page = await client.get("/")
    with caplog.at_level(logging.ERROR):
        fragment = await client.get("/widgets/exemple.casse", headers=HX)

    assert page.status_code == 200
    assert fragment.status_code == 200
    assert "fr-alert--error" in fragment.text
    assert "Ce bloc n'a pas pu être chargé" in fragment.text
    assert "Réessayez plus tard ; si le problème persiste, signalez-le à l'équipe du hub" in fragment.text
    record = next(r for r in caplog.records if r.name == "hub.plugins.exemple")
    assert "exemple.casse" in record.getMessage()
    assert record.exc_info is not None


async def test_slow_widget_times_out_into_an_error_card(client_for, caplog):
    async def slow(ctx: hub_api.WidgetContext) -> str:
        await asyncio.sleep(10)
        return "<p>trop tard</p>"

    widget = hub_api.WidgetSpec(id="exemple.lent", title="Lent", render=slow, timeout_seconds=0.05)
    client = await client_for(ExamplePlugin(widgets=[widget]))

    with caplog.at_level(logging.ERROR):
        response = await client.get("/widgets/exemple.lent", headers=HX)

    assert response.status_code == 200
    assert "fr-alert--error" in response.text
    assert "dans le temps imparti (0,05 s)" in response.text
    assert any(r.name == "hub.plugins.exemple" and "exemple.lent" in r.getMessage() for r in caplog.records)


async def test_widget_timeout_defaults_to_the_deployment_setting(client_for):
    async def slow(ctx: hub_api.WidgetContext) -> str:
        await asyncio.sleep(10)
        return ""

    widget = hub_api.WidgetSpec(id="exemple.lent", title="Lent", render=slow)
    client = await client_for(ExamplePlugin(widgets=[widget]), widget_timeout_seconds=0.05)

    response = await client.get("/widgets/exemple.lent", headers=HX)

    assert "dans le temps imparti (0,05 s)" in response.text


async def test_unknown_widget_is_404(client_for):
    client = await client_for(ExamplePlugin())

    response = await client.get("/widgets/exemple.inconnu", headers=HX)

    assert response.status_code == 404
    assert "Aucun bloc « exemple.inconnu »" in response.text


async def test_widget_the_user_may_not_see_is_403(client_for):
    plugin = ExamplePlugin(widgets=[html_widget("exemple.secret", "<p>secret</p>", permission="exemple.reserve")])
    client = await client_for(plugin)

    response = await client.get("/widgets/exemple.secret", headers=HX)

    assert response.status_code == 403
    assert "secret" not in response.text.replace("exemple.secret", "")


async def test_hub_dashboard_layout_reorders_and_filters_but_cannot_reveal(client_for):
    plugin = ExamplePlugin(
        widgets=[
            html_widget("exemple.a", "<p>a</p>", order=1),
            html_widget("exemple.b", "<p>b</p>", order=2),
            html_widget("exemple.c", "<p>c</p>", order=3),
            html_widget("exemple.secret", "<p>s</p>", permission="exemple.reserve"),
        ],
        layout=lambda widget_ids: ["exemple.c", "exemple.secret", "exemple.a"],
    )
    client = await client_for(plugin)

    response = await client.get("/")

    assert widget_order(response.text, "exemple.a", "exemple.b", "exemple.c", "exemple.secret") == [
        "exemple.c",
        "exemple.a",
    ]


async def test_hub_dashboard_layout_failing_falls_back_to_the_default_order(client_for, caplog):
    def broken_layout(widget_ids):
        raise ValueError("mauvaise disposition")

    plugin = ExamplePlugin(
        widgets=[html_widget("exemple.a", "<p>a</p>", order=1), html_widget("exemple.b", "<p>b</p>", order=2)],
        layout=broken_layout,
    )
    client = await client_for(plugin)

    with caplog.at_level(logging.ERROR):
        response = await client.get("/")

    assert response.status_code == 200
    assert widget_order(response.text, "exemple.a", "exemple.b") == ["exemple.a", "exemple.b"]
    assert any(r.name == "hub.plugins.exemple" and "hub_dashboard_layout" in r.getMessage() for r in caplog.records)


async def test_dashboard_without_widgets_says_so(client_for):
    client = await client_for()

    response = await client.get("/")

    assert response.status_code == 200
    assert "Aucun bloc à afficher pour l'instant" in response.text
