import logging
import re

import pytest
from litestar import get
from litestar.response import Template
from web_helpers import ExamplePlugin

import hub as hub_api


def example_page():
    @get("/", opt={"permission": "exemple.voir"})
    async def page() -> Template:
        return Template("exemple/page.html", context={"message": "du gestionnaire"})

    return page


def menu_links(html: str) -> list[str]:
    nav = html.split('id="menu-principal"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a class="fr-nav__link" href="([^"]+)"', nav)


@pytest.mark.parametrize("path", ["/", "/accessibilite", "/nulle-part", "/exemple"])
async def test_every_page_has_the_dsfr_layout(client_for, path):
    client = await client_for(ExamplePlugin(pages=[example_page()]))

    html = (await client.get(path)).text

    assert '<html lang="fr"' in html
    assert html.count("<h1") == 1
    assert 'class="fr-header"' in html
    assert '<link rel="stylesheet" href="/static/vendor/dsfr/dsfr.min.css">' in html
    for label, target in [("Aller au contenu", "contenu"), ("Aller au menu", "menu-principal"),
                          ("Aller au pied de page", "pied-de-page")]:
        assert f'href="#{target}">{label}</a>' in html
        assert f'id="{target}"' in html
    assert '<a class="fr-footer__bottom-link" href="/accessibilite">Accessibilité : non conforme</a>' in html


async def test_accessibility_statement_is_honest(client_for):
    client = await client_for(login=None)

    response = await client.get("/accessibilite")

    assert response.status_code == 200
    assert "<h1>Déclaration d'accessibilité</h1>" in response.text
    assert "<strong>non conforme</strong>" in response.text
    assert "aucun audit n'a encore été réalisé" in response.text


async def test_hub_register_menu_shows_only_entries_the_user_may_see(client_for):
    plugin = ExamplePlugin(
        menu=[
            hub_api.MenuItem(label="Réservé", href="/exemple/reserve", permission="exemple.reserve", order=1),
            hub_api.MenuItem(label="Exemple", href="/exemple", permission="exemple.voir", order=2),
            hub_api.MenuItem(label="Aide", href="/exemple/aide", order=3),
        ],
        pages=[example_page()],
    )
    client = await client_for(plugin)

    html = (await client.get("/exemple")).text

    assert menu_links(html) == [  # then the core's
        "/",
        "/exemple",
        "/exemple/aide",
        "/mes-activites",
        "/mes-beneficiaires",
        "/mes-lieux",
        "/mes-equipes",
        "/imports",
        "/exports",
    ]
    assert '<a class="fr-nav__link" href="/exemple" target="_self" aria-current="page">Exemple</a>' in html


async def test_anonymous_menu_keeps_only_public_entries(client_for):
    plugin = ExamplePlugin(
        menu=[
            hub_api.MenuItem(label="Exemple", href="/exemple", permission="exemple.voir"),
            hub_api.MenuItem(label="Aide", href="/exemple/aide"),
        ]
    )
    client = await client_for(plugin, login=None)

    html = (await client.get("/accessibilite")).text

    assert menu_links(html) == ["/", "/exemple/aide"]
    assert "Connecté·e" not in html


async def test_signed_in_user_is_named_with_a_logout_button(client_for):
    html = (await (await client_for()).get("/")).text

    assert "Connecté·e : Camille Test" in html
    assert '<form method="post" action="/deconnexion">' in html
    assert 'href="/connexion">Se connecter</a>' not in html


async def test_anonymous_visitor_sees_the_login_link(client_for):
    html = (await (await client_for(login=None)).get("/accessibilite")).text

    assert 'href="/connexion">Se connecter</a>' in html
    assert "/deconnexion" not in html


async def test_neutral_branding_has_no_state_block_nor_marianne(client_for):
    client = await client_for(site_name="Hub des Hauts-de-France")

    html = (await client.get("/")).text

    assert 'data-hub-branding="neutre"' in html
    assert "fr-logo" not in html
    assert "République" not in html
    assert "<title>Tableau de bord — Hub des Hauts-de-France</title>" in html
    assert '<p class="fr-header__service-title">Hub des Hauts-de-France</p>' in html


async def test_state_branding_shows_the_republique_francaise_block(client_for):
    client = await client_for(branding="etat")

    html = (await client.get("/")).text

    assert 'data-hub-branding="etat"' in html
    assert '<div class="fr-header__logo"><p class="fr-logo">République<br>Française</p>' in html
    assert "/static/vendor/dsfr/favicon/favicon.svg" in html


async def test_hub_template_context_adds_variables_under_the_handlers_own(client_for):
    seen: list[str] = []

    def context(template_name):
        seen.append(template_name)
        return {"ajout": "du plugin", "message": "ignoré : le gestionnaire a priorité"}

    client = await client_for(ExamplePlugin(pages=[example_page()], context=context))

    html = (await client.get("/exemple")).text

    assert "<p>Ajout : du plugin</p>" in html
    assert "<p>Message : du gestionnaire</p>" in html
    assert seen == ["exemple/page.html"]


async def test_hub_template_context_failing_is_logged_and_skipped(client_for, caplog):
    def context(template_name):
        raise KeyError("oups")

    client = await client_for(ExamplePlugin(pages=[example_page()], context=context))

    with caplog.at_level(logging.ERROR):
        response = await client.get("/exemple")

    assert response.status_code == 200
    assert "<p>Ajout : aucun</p>" in response.text
    assert any(r.name == "hub.plugins.exemple" and "hub_template_context" in r.getMessage() for r in caplog.records)
