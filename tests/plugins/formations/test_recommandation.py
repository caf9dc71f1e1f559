"""« Formations pour vous »: ranked by profile (role, conseiller numérique, département) and by
the CRA thematiques least covered by the trainings followed; explained on the card."""

import html

from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.core.activites.dates import aujourd_hui
from hub.core.activites.profil_thematiques import ProfilThematiques, profil_thematiques
from hub.core.identity import Principal
from hub.testing import sign_in_client
from plugins.formations.profil import profil_formation
from plugins.formations.recommandation import formations_pour
from tests.core.activites.profil_support import SANTE_ET_BANQUE, mediateur_qui_accompagne
from tests.core.organisation.support import utilisateur
from tests.plugins.formations.test_formations_pages import add_formations, in_days

CATALOGUE = [
    {"source_id": "ia", "titre": "Café IA", "date_debut": in_days(5), "thematiques": ["intelligence_artificielle"]},
    {"source_id": "sante", "titre": "Santé en ligne", "date_debut": in_days(30), "thematiques": ["sante"]},
    {"source_id": "banque", "titre": "Banque en ligne", "date_debut": in_days(20), "thematiques": ["banque_et_achats_en_ligne"]},
    {"source_id": "mail", "titre": "Messagerie", "date_debut": in_days(10), "thematiques": ["email"]},
    {"source_id": "coord", "titre": "Animer un réseau", "date_debut": in_days(40), "thematiques": ["culture_numerique"],
     "publics": ["coordinateur"]},
    {"source_id": "loin", "titre": "Santé à Lyon", "date_debut": in_days(3), "thematiques": ["sante"],
     "modalite": "presentiel", "commune": "Lyon", "code_postal": "69001"},
    {"source_id": "reims", "titre": "Santé à Reims", "date_debut": in_days(35), "thematiques": ["sante"],
     "modalite": "presentiel", "commune": "Reims", "code_postal": "51100"},
]


def principal_de(user, mediateur_id=None, coordinateur_id=None, roles=("mediateur",)) -> Principal:
    return Principal(
        id=user.id if hasattr(user, "id") else user, display_name="Test", roles=frozenset(roles),
        mediateur_id=mediateur_id, coordinateur_id=coordinateur_id,
        is_conseiller_numerique=getattr(user, "is_conseiller_numerique", False),
    )


async def recommandees(hub, principal: Principal) -> list:
    async with hub.session() as session:
        activite = await profil_thematiques(session, principal.mediateur_id, aujourd_hui=aujourd_hui())
        profil = await profil_formation(session, principal)
        return await formations_pour(session, profil, activite, aujourd_hui=aujourd_hui(), nombre=10)


async def test_a_health_and_banking_mediator_gets_those_trainings_first(hub_with) -> None:
    hub = await hub_with("formations")
    await add_formations(hub, *CATALOGUE)
    qui = await mediateur_qui_accompagne(hub, "sante@exemple.fr", SANTE_ET_BANQUE)

    top = await recommandees(hub, principal_de(qui.user_id, qui.id))

    # Santé (5/9) then banque (4/9); in Reims (Marne), the remote one and the one in the Marne
    # come before the one in Lyon; the coordinators' training is not for a mediator.
    assert [r.formation.source_id for r in top] == ["sante", "reims", "banque", "mail", "ia", "loin"]
    assert top[0].explication == (
        "Parce que vous accompagnez souvent sur « Santé » (5 de vos 9 CRA des 90 derniers jours) ; "
        "aucune de vos formations suivies ne couvre encore cette thématique. À distance."
    )
    assert top[1].raisons[-1] == "Dans votre département (51)."


async def test_a_followed_training_covers_its_thematique_and_leaves_the_list(hub_with, client_of) -> None:
    hub = await hub_with("formations")
    await add_formations(hub, *CATALOGUE)
    qui = await mediateur_qui_accompagne(hub, "suivie@exemple.fr", SANTE_ET_BANQUE)
    principal = principal_de(qui.user_id, qui.id)
    ids = {r.formation.source_id: r.formation.id for r in await recommandees(hub, principal)}

    client = AsyncTestClient(create_app(hub))
    async with client:
        await sign_in_client(client, hub, qui.user_id)
        page = await client.get("/formations")
        marque = await client.post(
            f"/formations/{ids['sante']}/suivie",
            data={"suivie": "1", "retour": "/formations", "csrf_token": _csrf(page.text)},
            follow_redirects=False,
        )
        mauvais = await client.post(
            f"/formations/{ids['sante']}/suivie", data={"suivie": "peut-être", "csrf_token": _csrf(page.text)}
        )
        inconnue = await client.post("/formations/999999/suivie", data={"suivie": "1", "csrf_token": _csrf(page.text)})
        catalogue = await client.get("/formations")
    assert marque.status_code == 303 and marque.headers["location"] == "/formations"
    assert mauvais.status_code == 400 and "Indiquez si vous avez suivi la formation" in html.unescape(mauvais.text)
    assert inconnue.status_code == 404
    assert "Suivie" in catalogue.text

    top = await recommandees(hub, principal)
    ordre = [r.formation.source_id for r in top]
    assert "sante" not in ordre
    # Santé is now covered once (5/9 ÷ 2 < banque's 4/9): banque comes before the Santé in Reims.
    assert ordre.index("banque") < ordre.index("reims")
    reims = next(r for r in top if r.formation.source_id == "reims")
    assert "vous avez suivi 1 formation sur cette thématique" in reims.explication


def _csrf(page: str) -> str:
    marque = 'name="csrf_token" value="'
    debut = page.index(marque) + len(marque)
    return page[debut : page.index('"', debut)]


async def test_for_a_coordinator_coordinator_trainings_come_first(hub_with) -> None:
    hub = await hub_with("formations")
    await add_formations(hub, *CATALOGUE)
    coordinateur = await utilisateur(hub, "coord@exemple.fr", "coordinateur")

    top = await recommandees(hub, principal_de(coordinateur, coordinateur_id="c", roles=("coordinateur",)))

    assert top[0].formation.source_id == "coord"
    assert top[0].raisons[0] == "Destinée aux coordinateurs."
    # Trainings aimed at mediators only are not for a coordinator without a mediator side.
    assert [r.formation.source_id for r in top] == ["coord"]


async def test_a_conseiller_numerique_gets_conseiller_trainings_first(hub_with) -> None:
    hub = await hub_with("formations")
    await add_formations(
        hub,
        {"source_id": "tous", "titre": "Pour tous", "date_debut": in_days(2), "publics": []},
        {"source_id": "cnum", "titre": "Pour les conseillers", "date_debut": in_days(9),
         "publics": ["conseiller_numerique"]},
    )
    principal = Principal(id="x", display_name="C", roles=frozenset({"mediateur"}), is_conseiller_numerique=True)
    async with hub.session() as session:
        profil = await profil_formation(session, principal)
        vide = ProfilThematiques(depuis=aujourd_hui(), jusqu_au=aujourd_hui())
        top = await formations_pour(session, profil, vide, aujourd_hui=aujourd_hui())
    assert [r.formation.source_id for r in top] == ["cnum", "tous"]
    assert top[0].raisons == ["Destinée aux conseillers numériques.", "À distance."]


async def test_the_widget_shows_the_explanation_on_each_card(hub_with) -> None:
    hub = await hub_with("formations")
    await add_formations(hub, *CATALOGUE)
    qui = await mediateur_qui_accompagne(hub, "carte@exemple.fr", SANTE_ET_BANQUE)
    client = AsyncTestClient(create_app(hub))
    async with client:
        await sign_in_client(client, hub, qui.user_id)
        dashboard = await client.get("/")
        widget = await client.get("/widgets/formations.pour_vous", headers={"HX-Request": "true"})
    assert 'hx-get="/widgets/formations.pour_vous"' in dashboard.text
    texte = html.unescape(widget.text)
    assert texte.count("Parce que vous accompagnez souvent sur") == 3
    assert "Santé en ligne" in texte and "Animer un réseau" not in texte
    assert texte.count("Je l'ai suivie") == 3
