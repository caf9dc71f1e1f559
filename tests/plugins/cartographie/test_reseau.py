"""« Mon réseau »: the actors and the lieux of a département, their filters and search, who
reaches the pages."""

from __future__ import annotations

import html
import re

import pytest

from hub.testing import sign_in_client
from plugins.cartographie import pages_reseau
from plugins.cartographie.acteurs import acteurs_du_departement, filtrer_acteurs
from plugins.cartographie.lieux_reseau import lieux_du_departement

from .reseau_population import hub_du_reseau, peupler_reseau

MARNE = {"Alice Éloïse", "Bruno Lefèvre", "Chloé Martin", "Fanny Noël"}


def noms_acteurs(page: str) -> list[str]:
    """The names in the first cell of each row of the actors' table, in order."""
    return [html.unescape(nom) for nom in re.findall(r"<tr>\s*<td>([^<]*)</td>", page)]


def noms_lieux(page: str) -> list[str]:
    return [html.unescape(nom) for nom in re.findall(r'<h3 class="fr-h6 fr-mb-1v">([^<]*)</h3>', page)]


@pytest.fixture
async def reseau(hub_with):
    hub = await hub_du_reseau(hub_with)
    return hub, await peupler_reseau(hub)


async def client_de(hub, client_of, user_id: str):
    client = await client_of(hub, login=None)
    await sign_in_client(client, hub, user_id)
    return client


async def test_the_directory_lists_exactly_the_people_working_in_the_departement(reseau) -> None:
    hub, _ = reseau
    async with hub.session() as db:
        marne = {a.nom_affiche: a for a in await acteurs_du_departement(db, "51")}
        ardennes = {a.nom_affiche for a in await acteurs_du_departement(db, "08")}

    assert set(marne) == MARNE  # not Denis (Ardennes), Émile (hidden), Gaston (left), Hugo (deleted)
    assert ardennes == {"Denis Ardennais", "Fanny Noël"}  # Fanny: lieu there, employer in the Marne
    assert {nom: a.actif for nom, a in marne.items()} == {
        "Alice Éloïse": True,  # 10 days ago
        "Bruno Lefèvre": False,  # 90 days ago
        "Chloé Martin": False,  # coordination CRA 70 days ago
        "Fanny Noël": True,  # 59 days ago
    }
    alice, chloe = marne["Alice Éloïse"], marne["Chloé Martin"]
    assert (alice.roles, alice.conseiller_numerique, alice.lieux) == (
        {"mediateur"}, True, ("Médiathèque Jean Falala (Reims)",)
    )
    assert (alice.courriel, alice.telephone) == ("alice@exemple.fr", "+33326000001")
    assert (chloe.roles, chloe.employeur, chloe.courriel, chloe.telephone) == (
        {"coordinateur"}, "Association Reims Numérique (Reims)", None, None
    )
    assert marne["Bruno Lefèvre"].lieux == ("Espace numérique d'Épernay (Épernay)",)  # postcode only: still the Marne


async def test_the_page_lists_them_by_name_with_their_status(reseau, client_of) -> None:
    hub, r = reseau
    client = await client_de(hub, client_of, r.alice)

    page = await client.get("/cartographie/reseau", params={"departement": "51"})

    assert page.status_code == 200, page.text
    assert noms_acteurs(page.text) == ["Alice Éloïse", "Bruno Lefèvre", "Chloé Martin", "Fanny Noël"]
    assert page.text.count("fr-badge--success fr-badge--sm\">Actif") == 2
    assert "mailto:alice@exemple.fr" in page.text and "chloe@exemple.fr" not in page.text
    for absent in ("Denis Ardennais", "Émile Discret", "Gaston Parti", "Hugo Supprimé"):
        assert absent not in page.text


async def test_the_search_ignores_accents_and_case(reseau, client_of) -> None:
    hub, r = reseau
    async with hub.session() as db:
        acteurs = await acteurs_du_departement(db, "51")
    trouves = {
        q: [a.nom_affiche for a in filtrer_acteurs(acteurs, q=q)]
        for q in ("eloise", "LEFEVRE", "chloe", "reims numerique", "FALALA", "personne")
    }
    client = await client_de(hub, client_of, r.chloe)
    page = await client.get("/cartographie/reseau", params={"departement": "51", "q": "ÉLOÏSE alice"})

    assert trouves == {
        "eloise": ["Alice Éloïse"],
        "LEFEVRE": ["Bruno Lefèvre"],
        "chloe": ["Chloé Martin"],
        "reims numerique": ["Chloé Martin", "Fanny Noël"],  # their employer
        "FALALA": ["Alice Éloïse"],  # her lieu
        "personne": [],
    }
    assert noms_acteurs(page.text) == ["Alice Éloïse"]
    assert "1 personne sur 4" in page.text


@pytest.mark.parametrize(
    ("filtres", "attendus"),
    [
        ({"role": "coordinateur"}, ["Chloé Martin"]),
        ({"role": "mediateur"}, ["Alice Éloïse", "Bruno Lefèvre", "Fanny Noël"]),
        ({"actif": "oui"}, ["Alice Éloïse", "Fanny Noël"]),
        ({"actif": "non"}, ["Bruno Lefèvre", "Chloé Martin"]),
        ({"conseiller": "oui"}, ["Alice Éloïse"]),
        ({"conseiller": "non", "actif": "oui"}, ["Fanny Noël"]),
    ],
)
async def test_the_filters_narrow_the_list(reseau, client_of, filtres, attendus) -> None:
    hub, r = reseau
    client = await client_de(hub, client_of, r.alice)

    page = await client.get("/cartographie/reseau", params={"departement": "51", **filtres})

    assert page.status_code == 200
    assert noms_acteurs(page.text) == attendus


async def test_it_opens_on_the_persons_departement_or_asks_for_it(reseau, client_of) -> None:
    hub, r = reseau
    coordinatrice = await client_de(hub, client_of, r.chloe)  # employer in Reims
    ardennais = await client_de(hub, client_of, r.denis)  # a lieu in Charleville
    sans_lieu = await client_of(hub)

    marne = await coordinatrice.get("/cartographie/reseau")
    ardennes = await ardennais.get("/cartographie/reseau/lieux")
    aucun = await sans_lieu.get("/cartographie/reseau")

    assert '<option value="51" selected>51 — Marne</option>' in marne.text
    assert noms_acteurs(marne.text) == sorted(MARNE)
    assert '<option value="08" selected>08 — Ardennes</option>' in ardennes.text
    assert noms_lieux(ardennes.text) == ["Maison France services de Sedan", "Tiers-lieu de Charleville"]
    assert aucun.status_code == 200 and "choisissez-le dans la liste" in aucun.text and "<table" not in aucun.text


async def test_the_lieux_are_the_hubs_and_the_national_ones_each_once(reseau) -> None:
    hub, _ = reseau
    async with hub.session() as db:
        lieux = await lieux_du_departement(db, "51")

    assert [(lieu.nom, lieu.source) for lieu in lieux] == [
        ("École de la deuxième chance", "national"),
        ("Espace numérique d'Épernay", "hub"),
        ("Espace public numérique", "national"),
        ("Médiathèque Jean Falala", "hub"),  # the national one is the same place: left out
    ]  # not the employer nobody works at, nor anything of the Ardennes
    falala = lieux[-1]
    assert (falala.mediateurs, falala.sur_la_carte) == (2, True)  # Alice and Émile (hidden people still work there)


@pytest.mark.parametrize(
    ("filtres", "attendus"),
    [
        ({"source": "national"}, ["École de la deuxième chance", "Espace public numérique"]),
        ({"source": "hub"}, ["Espace numérique d'Épernay", "Médiathèque Jean Falala"]),
        ({"commune": "Reims"}, ["Espace public numérique", "Médiathèque Jean Falala"]),
        ({"q": "ECOLE deuxieme"}, ["École de la deuxième chance"]),
        ({"q": "epernay"}, ["Espace numérique d'Épernay"]),
        ({"q": "numerique", "source": "national"}, ["Espace public numérique"]),
    ],
)
async def test_the_lieux_filters_and_search(reseau, client_of, filtres, attendus) -> None:
    hub, r = reseau
    client = await client_de(hub, client_of, r.alice)

    page = await client.get("/cartographie/reseau/lieux", params={"departement": "51", **filtres})

    assert page.status_code == 200, page.text
    assert noms_lieux(page.text) == attendus


async def test_the_lists_are_paged_keeping_their_filters(reseau, client_of, monkeypatch) -> None:
    hub, r = reseau
    monkeypatch.setattr(pages_reseau, "PAR_PAGE", 1)
    client = await client_de(hub, client_of, r.alice)

    premiere = await client.get("/cartographie/reseau", params={"departement": "51", "actif": "non"})
    seconde = await client.get("/cartographie/reseau", params={"departement": "51", "actif": "non", "page": "2"})

    assert noms_acteurs(premiere.text) == ["Bruno Lefèvre"]
    assert noms_acteurs(seconde.text) == ["Chloé Martin"]
    assert 'href="/cartographie/reseau?departement=51&amp;actif=non&amp;page=2"' in premiere.text


@pytest.mark.parametrize(
    ("adresse", "parametres", "champ", "message"),
    [
        ("/cartographie/reseau", {"departement": "99"}, "departement", "Département inconnu"),
        ("/cartographie/reseau", {"departement": "51", "role": "admin"}, "role", "Rôle inconnu"),
        ("/cartographie/reseau", {"departement": "51", "actif": "peut-etre"}, "actif", "Choisissez « oui », « non »"),
        ("/cartographie/reseau", {"departement": "51", "page": "zéro"}, "page", "Numéro de page invalide"),
        ("/cartographie/reseau/lieux", {"departement": "51", "source": "dora"}, "source", "Source inconnue"),
        ("/cartographie/reseau/lieux", {"departement": "51", "commune": "Sedan"}, "commune", "choisissez-la dans"),
    ],
)
async def test_a_wrong_parameter_is_a_400_naming_its_field(
    reseau, client_of, adresse, parametres, champ, message
) -> None:
    hub, r = reseau
    client = await client_de(hub, client_of, r.alice)

    page = await client.get(adresse, params=parametres)

    assert page.status_code == 400
    assert f'href="#{champ}"' in page.text and f'id="{champ}"' in page.text  # the summary leads to the field
    assert message in html.unescape(page.text)
    assert noms_acteurs(page.text) == noms_lieux(page.text) == []


async def test_the_search_field_gets_its_results_alone_for_htmx(reseau, client_of) -> None:
    hub, r = reseau
    client = await client_de(hub, client_of, r.alice)

    fragment = await client.get(
        "/cartographie/reseau", params={"departement": "51", "q": "lefevre"},
        headers={"HX-Request": "true", "HX-Target": "resultats-reseau"},
    )

    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert noms_acteurs(fragment.text) == ["Bruno Lefèvre"]
    assert 'id="compte-reseau" hx-swap-oob="innerHTML">1 personne sur 4' in fragment.text


async def test_mediators_and_coordinators_reach_it_from_the_menu_others_do_not(reseau, client_of) -> None:
    hub, _ = reseau
    anonyme = await client_of(hub, login=None)
    admin = await client_of(hub, login=("admin",))
    coordinateur = await client_of(hub, login=("coordinateur",))
    mediateur = await client_of(hub, login=("mediateur",))

    redirige = await anonyme.get("/cartographie/reseau", follow_redirects=False)
    tableau_admin = await admin.get("/")

    assert redirige.status_code in (302, 303) and redirige.headers["location"].startswith("/connexion")
    assert (await admin.get("/cartographie/reseau/lieux")).status_code == 403
    assert 'href="/cartographie/reseau"' not in tableau_admin.text
    for client in (coordinateur, mediateur):
        tableau = await client.get("/")
        assert 'href="/cartographie/reseau"' in tableau.text and "Mon réseau" in tableau.text
        assert (await client.get("/cartographie/reseau", params={"departement": "51"})).status_code == 200


