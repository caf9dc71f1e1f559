"""The ressources plugin in the web app: recommendations, search page, consultation redirect,
« consultées » indicator — on the demo folder synced by the engine."""

import html
from datetime import timedelta

from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.core.activites.dates import aujourd_hui
from hub.core.activites.profil_thematiques import profil_thematiques
from hub.core.identity import Principal
from hub.core.sync.engine import run_stream
from hub.testing import sign_in_client
from plugins.ressources.indicators import consultees
from plugins.ressources.recommandation import ressources_pour
from plugins.stats.indicators import IndicatorContext
from tests.core.activites.profil_support import SANTE_ET_BANQUE, mediateur_qui_accompagne
from tests.plugins.ressources.soutien import DEMO, INSTANCE, hub_les_bases, vivantes


async def hub_demo(hub_with, *plugins: str):
    hub = await hub_les_bases(hub_with, None, *plugins, dossier=str(DEMO))
    await run_stream(hub, INSTANCE, "ressources")
    await run_stream(hub, INSTANCE, "contenus")
    return hub


async def client_de(hub, user_id: str) -> AsyncTestClient:
    client = AsyncTestClient(create_app(hub))
    await client.__aenter__()
    await sign_in_client(client, hub, user_id)
    return client


async def test_a_health_and_banking_mediator_gets_resources_on_those_themes(hub_with) -> None:
    hub = await hub_demo(hub_with)
    qui = await mediateur_qui_accompagne(hub, "sante@exemple.fr", SANTE_ET_BANQUE)

    async with hub.session() as session:
        profil = await profil_thematiques(session, qui.id, aujourd_hui=aujourd_hui())
        top = await ressources_pour(session, profil)

    assert [r.ressource.slug for r in top] == ["demo-ameli-pas-a-pas", "demo-mon-espace-sante", "demo-banque-en-ligne"]
    assert top[0].thematiques == ["sante", "banque_et_achats_en_ligne"]
    assert top[0].explication == (
        "Parce que vous accompagnez souvent sur « Santé » (5 de vos 9 CRA des 90 derniers jours) et "
        "« Banque et achats en ligne » (4 de vos 9 CRA des 90 derniers jours)."
    )


async def test_the_widget_shows_each_card_with_its_explanation(hub_with) -> None:
    hub = await hub_demo(hub_with)
    qui = await mediateur_qui_accompagne(hub, "widget@exemple.fr", SANTE_ET_BANQUE)
    client = await client_de(hub, qui.user_id)
    try:
        dashboard = await client.get("/")
        widget = await client.get("/widgets/ressources.pour_vous", headers={"HX-Request": "true"})
    finally:
        await client.__aexit__(None, None, None)

    assert 'hx-get="/widgets/ressources.pour_vous"' in dashboard.text
    assert widget.status_code == 200
    assert widget.text.count("Parce que vous accompagnez souvent sur") == 3
    assert "Créer son compte Ameli pas à pas (fictive)" in widget.text
    assert "Animer un café IA" not in widget.text
    assert 'href="/ressources/' in widget.text and "/consulter" in widget.text


async def test_without_recent_cras_the_widget_says_why_it_is_empty(hub_with, client_of) -> None:
    hub = await hub_demo(hub_with)
    ancien = await mediateur_qui_accompagne(hub, "ancien@exemple.fr", [["sante"]], il_y_a_jours=120)
    client = await client_de(hub, ancien.user_id)
    try:
        widget = await client.get("/widgets/ressources.pour_vous", headers={"HX-Request": "true"})
    finally:
        await client.__aexit__(None, None, None)
    assert "Aucun CRA ces 90 derniers jours" in widget.text


async def test_search_ignores_accents_and_case_and_filters_by_each_vocabulary(hub_with, client_of) -> None:
    client = await client_of(await hub_demo(hub_with))

    async def titres(**params: str) -> list[str]:
        response = await client.get("/ressources", params=params)
        assert response.status_code == 200, response.text
        return sorted(t for t in TITRES if t in html.unescape(response.text))

    assert await titres() == sorted(TITRES)
    assert await titres(q="ECRANS parentalite") == ["Écrans et parentalité (fictive)"]
    assert await titres(q="santé") == ["Accompagner l'ouverture de Mon Espace Santé (fictive)",
                                       "Créer son compte Ameli pas à pas (fictive)"]
    assert await titres(q="deverrouiller") == ["Premiers pas sur smartphone (fictive)"]  # in the description
    assert await titres(theme="intelligence_artificielle") == ["Animer un café IA (fictive)"]
    assert await titres(public="parents") == ["Écrans et parentalité (fictive)"]
    assert await titres(type_support="infographie") == ["Sécuriser sa banque en ligne (fictive)"]
    assert await titres(theme="numerique_en_sante", type_support="fiche_pratique") == [
        "Accompagner l'ouverture de Mon Espace Santé (fictive)"
    ]
    page = await client.get("/ressources", params={"theme": "numerique_en_sante"})
    assert '<option value="numerique_en_sante" selected>Numérique en santé</option>' in page.text
    assert "2 ressources trouvées" in page.text


TITRES = [
    "Créer son compte Ameli pas à pas (fictive)",
    "Accompagner l'ouverture de Mon Espace Santé (fictive)",
    "Sécuriser sa banque en ligne (fictive)",
    "Animer un café IA (fictive)",
    "Écrans et parentalité (fictive)",
    "Premiers pas sur smartphone (fictive)",
]


async def test_bad_filters_are_a_400_naming_the_field(hub_with, client_of) -> None:
    client = await client_of(await hub_demo(hub_with))
    theme = await client.get("/ressources", params={"theme": "Santé; DROP"})
    page = await client.get("/ressources", params={"page": "deux"})
    longue = await client.get("/ressources", params={"q": "x" * 201})
    assert theme.status_code == page.status_code == longue.status_code == 400
    assert 'id="erreur-theme"' in theme.text and "Thème inconnu : choisissez une valeur de la liste." in theme.text
    assert "Le numéro de page doit être un nombre entier" in page.text
    assert "trop longue" in longue.text


async def test_opening_a_resource_counts_a_consultation_for_the_indicator(hub_with) -> None:
    hub = await hub_demo(hub_with, "stats")
    qui = await mediateur_qui_accompagne(hub, "lecteur@exemple.fr", [["sante"]])
    ameli = (await vivantes(hub))["demo-ameli-pas-a-pas"]
    client = await client_de(hub, qui.user_id)
    try:
        first = await client.get(f"/ressources/{ameli.id}/consulter", follow_redirects=False)
        await client.get(f"/ressources/{ameli.id}/consulter", follow_redirects=False)
        unknown = await client.get("/ressources/999999/consulter", follow_redirects=False)
    finally:
        await client.__aexit__(None, None, None)

    assert first.status_code == 302 and first.headers["location"] == ameli.url
    assert unknown.status_code == 404 and "plus publique" in unknown.text
    today = aujourd_hui()
    principal = Principal(id=qui.user_id, display_name="Lecteur")
    async with hub.session() as session:
        periode = IndicatorContext(hub=hub, principal=principal, session=session, start=today, end=today)
        avant = IndicatorContext(
            hub=hub, principal=principal, session=session,
            start=today - timedelta(days=30), end=today - timedelta(days=1),
        )
        assert await consultees(periode) == 2
        assert await consultees(avant) == 0
    from plugins.stats.indicators import registered_indicators

    assert "ressources.consultees" in {i.id for i in registered_indicators(hub)}
