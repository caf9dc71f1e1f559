"""Share links: switched on and off by their owner, a new address each time, a public read-only
page and workbook for the owner's scope, 404 once switched off."""

from __future__ import annotations

import re

import sqlalchemy as sa

from hub.core.activites.portee import PorteeEquipe, PorteeMediateur
from hub.core.audit.models import Mutation
from plugins.stats.models import Partage
from tests.plugins.stats.lecture_classeur import lire_classeur
from tests.plugins.stats.support import MoteurEnregistre, texte


async def basculer(client, action: str, portee: str = "mediateur"):
    page = await client.get("/stats/equipe" if portee == "equipe" else "/stats")
    jeton_csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return await client.post(
        "/stats/partage", data={"csrf_token": jeton_csrf, "portee": portee, "action": action}, follow_redirects=False
    )


def adresse_partagee(page: str) -> str:
    return re.search(r'id="adresse-partage" type="text" value="http://[^/]+(/stats/partage/[^"]+)"', page).group(1)


async def test_a_link_switched_on_shows_the_owner_s_statistics_read_only_and_its_workbook(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    hub = await hub_with("stats")
    proprietaire = await client_of(hub)
    visiteur = await client_of(hub, login=None)

    active = await basculer(proprietaire, "activer")
    page = await proprietaire.get(active.headers["location"])
    adresse = adresse_partagee(page.text)
    publique = await visiteur.get(adresse)
    classeur = await visiteur.get(f"{adresse}/xlsx", params={"du": "2025-01-01", "au": "2025-02-28"})

    assert active.status_code == 303 and active.headers["location"] == "/stats?fait=active#partage"
    assert "Le lien de partage est activé" in page.text and "Désactiver le lien" in page.text
    assert publique.status_code == 200 and "<h1>Statistiques de Camille Test</h1>" in publique.text
    assert "1 342 Accompagnements au total" in texte(publique.text)
    assert "csrf_token" not in publique.text and "Créer un lien" not in publique.text
    assert 'name="types"' not in publique.text and 'name="beneficiaires"' not in publique.text
    portees = [portee for portee, _, _ in moteur_enregistre.appels]
    assert portees[-2] == portees[-1] == portees[0] and isinstance(portees[0], PorteeMediateur)
    _, entete, blocs = lire_classeur(classeur.content)
    assert entete["Statistiques partagées par"] == "Camille Test" and entete["Période"] == "du 01/01/2025 au 28/02/2025"
    assert dict(blocs["Statistiques générales"][1:])["Accompagnements au total"] == 1342


async def test_switched_off_the_address_is_a_404_saying_what_to_do_and_on_again_a_new_one(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    hub = await hub_with("stats")
    proprietaire = await client_of(hub)
    visiteur = await client_of(hub, login=None)

    await basculer(proprietaire, "activer")
    premiere = adresse_partagee((await proprietaire.get("/stats")).text)
    desactive = await basculer(proprietaire, "desactiver")
    apres = await proprietaire.get(desactive.headers["location"])
    morte = await visiteur.get(premiere)
    morte_xlsx = await visiteur.get(f"{premiere}/xlsx")
    await basculer(proprietaire, "activer")
    seconde = adresse_partagee((await proprietaire.get("/stats")).text)

    assert desactive.headers["location"] == "/stats?fait=desactive#partage"
    assert "Le lien de partage est désactivé" in apres.text and "Créer un lien de partage" in apres.text
    assert morte.status_code == 404 and "a été désactivé par la personne qui l'avait créé" in texte(morte.text)
    assert "Demandez-lui un nouveau lien." in morte.text and morte_xlsx.status_code == 404
    assert seconde != premiere and (await visiteur.get(premiere)).status_code == 404
    assert (await visiteur.get(seconde)).status_code == 200
    assert (await visiteur.get("/stats/partage/inconnu")).status_code == 404
    async with hub.session() as db:
        assert await db.scalar(sa.select(sa.func.count()).select_from(Partage)) == 1
        noms = list(await db.scalars(sa.select(Mutation.nom).where(Mutation.nom.like("stats.%")).order_by(Mutation.creation)))
        donnees = list(await db.scalars(sa.select(Mutation.donnees).where(Mutation.nom.like("stats.%"))))
    assert noms == ["stats.partage_active", "stats.partage_desactive", "stats.partage_active"]
    assert all(d == {"portee": "mediateur"} for d in donnees)


async def test_a_coordinator_shares_their_team_and_a_mediator_cannot(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    hub = await hub_with("stats")
    coordinateur = await client_of(hub, login=("coordinateur",))
    mediateur = await client_of(hub)
    visiteur = await client_of(hub, login=None)

    await basculer(coordinateur, "activer", "equipe")
    adresse = adresse_partagee((await coordinateur.get("/stats/equipe")).text)
    publique = await visiteur.get(adresse)
    portee_publique = moteur_enregistre.appels[-1][0]
    page = await mediateur.get("/stats")
    jeton_csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    refus = await mediateur.post("/stats/partage", data={"csrf_token": jeton_csrf, "portee": "equipe", "action": "activer"})
    invalide = await mediateur.post("/stats/partage", data={"csrf_token": jeton_csrf, "portee": "tout", "action": "publier"})

    assert "Les accompagnements de son équipe" in publique.text
    assert isinstance(portee_publique, PorteeEquipe)
    assert refus.status_code == 403 and "réservées à son coordinateur" in texte(refus.text)
    assert invalide.status_code == 400
    assert "Choisissez le périmètre à partager" in texte(invalide.text)
    assert "Choisissez d'activer ou de désactiver" in texte(invalide.text)


async def test_a_refused_period_on_the_share_page_is_a_400_next_to_its_field(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    hub = await hub_with("stats")
    proprietaire = await client_of(hub)
    visiteur = await client_of(hub, login=None)
    await basculer(proprietaire, "activer")
    adresse = adresse_partagee((await proprietaire.get("/stats")).text)

    page = await visiteur.get(adresse, params={"du": "2025-13-01"})

    assert page.status_code == 400 and 'href="#du">Date invalide (attendu : AAAA-MM-JJ).</a>' in page.text
