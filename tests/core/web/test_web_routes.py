import pytest
from litestar import Litestar, Router, get
from litestar.response import Template
from litestar.testing import AsyncTestClient
from web_helpers import ExamplePlugin, html_widget

import hub as hub_api
from hub.core.errors import StartupError
from hub.core.web.access import require_access


def example_page(**opt):
    @get("/", opt=opt)
    async def page() -> Template:
        return Template("exemple/page.html", context={"message": "servie par le plugin"})

    return page


def example_api(**opt):
    @get("/compte", opt=opt)
    async def compte() -> dict[str, int]:
        return {"total": 3}

    return compte


async def test_health_answers_ok_without_login(client_for):
    client = await client_for(login=None, demo_login=False)

    response = await client.get("/api/v1/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_hub_register_pages_mounted_under_the_slug_with_the_plugin_templates(client_for):
    client = await client_for(ExamplePlugin(pages=[example_page(permission="exemple.voir")]))

    response = await client.get("/exemple")

    assert response.status_code == 200
    assert "<p>Message : servie par le plugin</p>" in response.text
    assert response.text.count("<h1") == 1
    assert 'class="fr-header"' in response.text


async def test_hub_register_api_mounted_under_api_v1_slug(client_for):
    client = await client_for(ExamplePlugin(api=[example_api(permission="exemple.voir")]))

    response = await client.get("/api/v1/exemple/compte")

    assert response.status_code == 200
    assert response.json() == {"total": 3}


async def test_public_plugin_page_needs_no_login(client_for):
    client = await client_for(ExamplePlugin(pages=[example_page(public=True)]), login=None, demo_login=False)

    assert (await client.get("/exemple")).status_code == 200


async def test_handler_without_access_rule_is_refused_at_boot(client_for):
    with pytest.raises(StartupError) as error:
        await client_for(ExamplePlugin(pages=[example_page()]))

    assert error.value.plugin == "exemple"
    assert "GET /exemple ne déclare aucun accès" in str(error.value)


async def test_access_rule_of_a_router_covers_its_handlers(client_for):
    router = Router(path="/rapports", route_handlers=[example_api()], opt={"permission": "exemple.voir"})
    client = await client_for(ExamplePlugin(api=[router]))

    assert (await client.get("/api/v1/exemple/rapports/compte")).status_code == 200


async def test_handler_needing_an_unregistered_permission_is_refused_at_boot(client_for):
    with pytest.raises(StartupError) as error:
        await client_for(ExamplePlugin(api=[example_api(permission="exemple.inexistante")]))

    assert error.value.plugin == "exemple"
    assert "« exemple.inexistante », qu'aucun plugin ne déclare" in str(error.value)


async def test_guard_denies_a_route_that_declares_no_access_rule():
    @get("/", name="sans_regle")
    async def sans_regle() -> str:
        return "ne doit pas être servi"

    async with AsyncTestClient(Litestar([sans_regle], guards=[require_access], logging_config=None)) as client:
        response = await client.get("/")

    assert response.status_code == 403


async def test_anonymous_visitor_is_sent_to_login_and_api_gets_401_json(client_for):
    plugin = ExamplePlugin(
        pages=[example_page(permission="exemple.voir")], api=[example_api(permission="exemple.voir")]
    )
    client = await client_for(plugin, login=None, demo_login=False)

    dashboard = await client.get("/", follow_redirects=False)
    page = await client.get("/exemple?vue=liste", follow_redirects=False)
    fragment = await client.get("/exemple", headers={"HX-Request": "true", "HX-Current-URL": "http://testserver.local/exemple"})
    api = await client.get("/api/v1/exemple/compte")

    assert dashboard.status_code == page.status_code == 303
    assert dashboard.headers["location"] == "/connexion"
    assert page.headers["location"] == "/connexion?suivant=%2Fexemple%3Fvue%3Dliste"
    assert fragment.status_code == 401
    assert fragment.headers["hx-redirect"] == "/connexion?suivant=%2Fexemple"
    assert "<h1>Connexion requise</h1>" in fragment.text
    assert api.status_code == 401
    assert api.json() == {"status_code": 401, "detail": "Authentification requise."}


async def test_user_without_the_permission_gets_403(client_for):
    plugin = ExamplePlugin(
        pages=[example_page(permission="exemple.voir")], api=[example_api(permission="exemple.voir")]
    )
    client = await client_for(plugin, login=("admin",))  # admins hold only what is granted to admins

    page = await client.get("/exemple")
    api = await client.get("/api/v1/exemple/compte")

    assert page.status_code == 403
    assert "<h1>Accès refusé</h1>" in page.text
    assert api.json() == {"status_code": 403, "detail": "Accès refusé."}


async def test_blocked_plugin_contributes_no_route_widget_or_menu_entry(client_for):
    plugin = ExamplePlugin(
        pages=[example_page(permission="exemple.voir")],
        api=[example_api(permission="exemple.voir")],
        widgets=[html_widget("exemple.bloc", "<p>bloc</p>")],
        menu=[hub_api.MenuItem(label="Exemple", href="/exemple")],
    )
    client = await client_for(plugin, plugins_disabled=["exemple"])

    dashboard = await client.get("/")

    assert "exemple.bloc" not in dashboard.text
    assert 'href="/exemple"' not in dashboard.text
    assert (await client.get("/exemple")).status_code == 404
    assert (await client.get("/api/v1/exemple/compte")).status_code == 404
    assert (await client.get("/widgets/exemple.bloc")).status_code == 404


async def test_unknown_page_is_a_french_404_page_and_api_json(client_for):
    client = await client_for()

    page = await client.get("/nulle-part")
    api = await client.get("/api/v1/nulle-part")

    assert page.status_code == 404
    assert "<h1>Page introuvable</h1>" in page.text
    assert api.json() == {"status_code": 404, "detail": "Ressource introuvable."}


async def test_unexpected_error_is_a_french_500_page(client_for):
    @get("/panne", opt={"public": True})
    async def panne() -> str:
        raise RuntimeError("panne")

    client = await client_for(ExamplePlugin(pages=[panne]))

    response = await client.get("/exemple/panne")

    assert response.status_code == 500
    assert "<h1>Erreur inattendue</h1>" in response.text
    assert "panne" not in response.text.split("<main", 1)[1].replace("/exemple/panne", "")


async def test_static_files_are_served(client_for):
    client = await client_for(login=None, demo_login=False)

    response = await client.get("/static/css/hub.css")

    assert response.status_code == 200
    assert "font-family" in response.text
