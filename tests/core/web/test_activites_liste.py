"""« Mes activités »: a mediator's list with its filters (removable tags) and pages, a team's
without bénéficiaire identities, and who sees which list."""

from __future__ import annotations

import html
import re

import pytest
from cra_helpers import connecter, en_poste
from organisation_helpers import Site, errors, menu_links, table_rows

from hub.core.activites.service import creer_activite
from hub.core.teams.models import MediateurCoordonne
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, EnPoste, beneficiaire, cra, mediateur_en_poste
from tests.core.organisation.support import coordinateur_id, utilisateur


async def enregistrer(site: Site, qui: EnPoste, *cras) -> None:
    async with site.hub.session() as db, db.begin():
        for item in cras:
            await creer_activite(db, qui.id, item, par=qui.user_id)


def tags_actifs(page) -> dict[str, str]:
    """The active filters shown: label → the address without it."""
    return {
        html.unescape(libelle): html.unescape(adresse)
        for adresse, libelle in re.findall(r'class="fr-tag fr-tag--dismiss" href="([^"]*)"[^>]*>([^<]*)</a>', page.text)
    }


async def test_the_list_shows_each_activity_with_its_actions(site: Site) -> None:
    qui = await en_poste(site)
    camille = await beneficiaire(site.hub, qui, "Camille", "Martin")
    await enregistrer(
        site,
        qui,
        cra(INDIVIDUEL, beneficiaire={"id": camille}, type_lieu="lieu_activite", structure_id=qui.lieux[0]),
        cra(COLLECTIF, date="2025-03-20", duree="90", titre_atelier="Atelier mails", thematiques=["email", "sante"]),
    )

    page = await site.get("/mes-activites")

    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert "<caption>Vos activités : 2 au total</caption>" in page.text
    assert table_rows(page) == ["20/03/2025", "12/03/2025"]
    assert "Atelier collectif<br><span class=\"fr-text--sm\">Atelier mails</span>" in page.text
    assert "2 participants" in page.text and "E-mail, Santé" in page.text and "1 h 30" in page.text
    assert f'<a class="fr-link" href="/mes-beneficiaires/{camille}">Camille Martin</a>' in page.text
    assert "Lieu 0 de camille@exemple.fr" in page.text and "Autre lieu" not in page.text
    assert "À domicile — Reims" in page.text
    (individuel,) = re.findall(r'href="/mes-activites/cra/individuel/([0-9a-f-]+)">Modifier', page.text)
    assert f'href="/mes-activites/cra/individuel/{individuel}/dupliquer">Dupliquer' in page.text
    assert f'href="/mes-activites/cra/individuel/{individuel}/supprimer">Supprimer' in page.text


async def test_an_empty_list_says_how_to_start(site: Site) -> None:
    await en_poste(site)

    page = await site.get("/mes-activites")

    assert "Vous n'avez encore enregistré aucune activité." in page.text and "<table" not in page.text
    assert 'href="/mes-activites/cra">Enregistrer une activité</a>' in page.text


async def test_filters_narrow_the_list_and_each_shows_as_a_removable_tag(site: Site) -> None:
    qui = await en_poste(site)
    camille = await beneficiaire(site.hub, qui, "Camille", "Martin")
    await enregistrer(
        site,
        qui,
        cra(INDIVIDUEL, date="2025-02-01", beneficiaire={"id": camille}),
        cra(COLLECTIF, date="2025-03-01", thematiques=["email"]),
        cra(COLLECTIF, date="2025-04-01", thematiques=["sante"]),
    )

    page = await site.get(
        "/mes-activites",
        params=[("du", "2025-02-15"), ("types", "collectif"), ("types", "")]
        + [("thematiques_non_administratives", "email")],
    )
    par_beneficiaire = await site.get("/mes-activites", params={"beneficiaires": camille})
    vide = await site.get("/mes-activites", params={"types": "individuel", "du": "2025-03-01"})

    assert table_rows(page) == ["01/03/2025"]
    assert tags_actifs(page) == {
        "Depuis le 15/02/2025": "/mes-activites?types=collectif&thematiques_non_administratives=email",
        "Type : Atelier collectif": "/mes-activites?du=2025-02-15&thematiques_non_administratives=email",
        "Thématique : E-mail": "/mes-activites?du=2025-02-15&types=collectif",
    }
    assert 'aria-label="Retirer le filtre « Type : Atelier collectif »"' in page.text
    assert 'value="collectif" checked' in page.text and 'value="2025-02-15" id="du"' in page.text
    assert "<details class=\"fr-fieldset__element\" open>" in page.text  # a thematique is chosen
    assert table_rows(par_beneficiaire) == ["01/02/2025"]
    assert tags_actifs(par_beneficiaire) == {"Bénéficiaire : Martin Camille": "/mes-activites"}
    assert f'<option value="{camille}" selected>Martin Camille</option>' in par_beneficiaire.text
    assert "Aucune activité ne correspond à ces filtres." in vide.text


async def test_a_faulty_filter_is_shown_next_to_its_field(site: Site) -> None:
    await en_poste(site)

    page = await site.get("/mes-activites", params={"du": "2025-04-01", "au": "2025-03-01"})
    bad = await site.get("/mes-activites", params={"du": "hier"})

    assert page.status_code == 400 and errors(page) == {"au": "La date de fin doit suivre la date de début."}
    assert errors(bad) == {"du": "Date invalide (attendu : AAAA-MM-JJ)."} and "<table" not in bad.text


async def test_the_list_is_paged_with_its_filters_kept(site: Site) -> None:
    qui = await en_poste(site)
    await enregistrer(site, qui, *(cra(INDIVIDUEL, date=f"2025-01-{jour:02d}") for jour in range(1, 29)))
    await enregistrer(site, qui, *(cra(INDIVIDUEL, date=f"2025-02-{jour:02d}") for jour in range(1, 24)))

    premiere = await site.get("/mes-activites", params={"types": "individuel"})
    seconde = await site.get("/mes-activites", params={"types": "individuel", "page": "2"})

    assert "<caption>Vos activités : 51 au total, page 1 sur 2</caption>" in premiere.text
    assert 'aria-label="Pagination des activités"' in premiere.text
    assert 'href="/mes-activites?types=individuel&amp;page=2"' in premiere.text
    assert len(table_rows(premiere)) == 50 and table_rows(seconde) == ["01/01/2025"]


async def test_a_coordinator_sees_the_teams_activities_without_identities(site: Site) -> None:
    membre = await mediateur_en_poste(site.hub, "membre@exemple.fr", prenom="Alix", nom="Membre")
    etranger = await mediateur_en_poste(site.hub, "etranger@exemple.fr")
    camille = await beneficiaire(site.hub, membre, "Camille", "Secrète")
    coordo = await utilisateur(site.hub, "coordo@exemple.fr", "coordinateur")
    async with site.hub.session() as db, db.begin():
        db.add(MediateurCoordonne(mediateur_id=membre.id, coordinateur_id=await coordinateur_id(site.hub, coordo)))
    await enregistrer(site, membre, cra(INDIVIDUEL, beneficiaire={"id": camille}, notes="Note privée"))
    await enregistrer(site, etranger, cra(INDIVIDUEL, date="2025-03-13"))
    await site.sign_in(coordo)

    page = await site.get("/mes-activites/equipe")
    filtree = await site.get("/mes-activites/equipe", params={"mediateurs": membre.id})

    assert page.status_code == 200 and "<caption>Les activités de votre équipe : 1 au total</caption>" in page.text
    assert table_rows(page) == ["12/03/2025"] and "<td>Alix Membre</td>" in page.text
    assert "Camille" not in page.text and "Secrète" not in page.text and "Note privée" not in page.text
    assert "/mes-activites/cra/individuel/" not in page.text  # no action on others' activities
    assert tags_actifs(filtree) == {"Médiateur : Alix Membre": "/mes-activites/equipe"}


async def test_each_role_reaches_its_own_lists(site: Site) -> None:
    qui = await mediateur_en_poste(site.hub, "camille@exemple.fr")
    await connecter(site, qui)
    mediateur = await site.get("/mes-activites")
    assert menu_links(mediateur)[:3] == ["/", "/mes-activites", "/mes-beneficiaires"]
    assert "Listes d'activités" not in mediateur.text  # one list only: no tabs
    assert (await site.get("/mes-activites/equipe")).status_code == 403

    await site.sign_in_as("coordinateur")
    coordinateur = await site.get("/mes-activites", follow_redirects=False)
    assert coordinateur.status_code == 303 and coordinateur.headers["location"] == "/mes-activites/coordination"
    assert menu_links(await site.get("/mes-activites/coordination"))[:2] == ["/", "/mes-activites"]
    assert (await site.get("/mes-beneficiaires")).status_code == 403

    await site.sign_in_as("mediateur", "coordinateur")
    les_deux = await site.get("/mes-activites/equipe")
    nav = les_deux.text.split("aria-label=\"Listes d'activités\"", 1)[1].split("</nav>", 1)[0]
    onglets = re.findall(r'href="([^"]+)"', nav)
    assert onglets == ["/mes-activites", "/mes-activites/coordination", "/mes-activites/equipe"]
    assert 'href="/mes-activites/equipe" aria-current="page">Mon équipe</a>' in les_deux.text


@pytest.mark.parametrize("roles", [("admin",), ("support",)])
async def test_administrators_have_no_activity_list(site: Site, roles: tuple[str, ...]) -> None:
    await site.sign_in_as(*roles)

    for path in ("/mes-activites", "/mes-activites/cra", "/mes-activites/equipe", "/mes-activites/coordination"):
        assert (await site.get(path)).status_code == 403, path
