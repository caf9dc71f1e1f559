"""« Mes bénéficiaires »: a mediator lists (searching without accents), creates, views, edits and
deletes their followed bénéficiaires, and only theirs; the CRA forms search among them."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from cra_helpers import UNKNOWN, en_poste, individuel, lignes
from organisation_helpers import Site, errors, success, table_rows

from hub.core.audit.models import Mutation
from hub.core.beneficiaires.models import Beneficiaire
from tests.core.activites.support import beneficiaire, mediateur_en_poste
from tests.core.organisation.support import count

CAMILLE = {
    "prenom": "Camille",
    "nom": "Lefèvre",
    "annee_naissance": "1985",
    "telephone": "06 12 34 56 78",
    "email": "camille@exemple.fr",
    "commune": "Reims",
    "commune_code_postal": "51100",
    "commune_code_insee": "51454",
    "genre": "feminin",
    "statut_social": "en_emploi",
    "notes": "Préfère le matin",
}


def noms(page) -> list[str]:
    return re.findall(r'<th scope="row"><a class="fr-link" href="[^"]+">([^<]+)</a>', page.text)


async def test_the_list_finds_without_accents_and_is_paged(site: Site) -> None:
    qui = await en_poste(site)
    epernay = {"commune": "Épernay", "commune_code_postal": "51200", "commune_code_insee": "51230"}
    await beneficiaire(site.hub, qui, "Camille", "Lefèvre", **epernay)
    await beneficiaire(site.hub, qui, "Dominique", "Martin")
    for rang in range(50):
        await beneficiaire(site.hub, qui, f"Personne{rang:02d}", "Zola")
    await beneficiaire(site.hub, await mediateur_en_poste(site.hub, "autre@exemple.fr"), "Camille", "Lefevre")

    tous = await site.get("/mes-beneficiaires")
    trouves = await site.get("/mes-beneficiaires", params={"q": "lefevre epernay"})
    aucun = await site.get("/mes-beneficiaires", params={"q": "Durand"})
    seconde = await site.get("/mes-beneficiaires", params={"page": "2"})

    assert tous.status_code == 200 and tous.text.count("<h1") == 1
    assert "<caption>Vos bénéficiaires : 52, page 1 sur 2</caption>" in tous.text
    assert noms(trouves) == ["Lefèvre Camille"] and noms(tous)[:2] == ["Lefèvre Camille", "Martin Dominique"]
    assert "<caption>Bénéficiaires trouvés pour « lefevre epernay » : 1</caption>" in trouves.text
    assert "Aucun bénéficiaire ne correspond à « Durand »" in aucun.text
    assert noms(seconde) == ["Zola Personne48", "Zola Personne49"]


async def test_a_beneficiaire_is_created_then_shown_with_their_accompagnements(site: Site) -> None:
    qui = await en_poste(site)

    form = await site.get("/mes-beneficiaires/creer")
    created = await site.post("/mes-beneficiaires/creer", CAMILLE)
    (camille,) = await lignes(site.hub, Beneficiaire)
    await site.post("/mes-activites/cra/individuel", individuel(qui, **{"beneficiaire.id": camille.id}))
    fiche = await site.get(f"/mes-beneficiaires/{camille.id}")

    assert form.status_code == 200 and "<h1>Créer un bénéficiaire</h1>" in form.text
    assert created.url.path == f"/mes-beneficiaires/{camille.id}" and success(created) == "Le bénéficiaire a été créé."
    assert (camille.telephone, camille.tranche_age) == ("+33612345678", "quarante_cinquante_neuf")
    assert "<h1>Camille Lefèvre</h1>" in fiche.text and "<dd>+33612345678</dd>" in fiche.text
    assert "<caption>Accompagnements de Camille Lefèvre : 1</caption>" in fiche.text
    assert table_rows(fiche) == ["12/03/2025"]
    assert f'href="/mes-activites?beneficiaires={camille.id}"' in fiche.text


async def test_a_refused_beneficiaire_shows_its_errors_and_nothing_is_stored(site: Site) -> None:
    await en_poste(site)
    avant = await count(site.hub, Mutation)

    refused = await site.post(
        "/mes-beneficiaires/creer", CAMILLE | {"prenom": "", "telephone": "12", "commune_code_insee": ""}
    )

    assert refused.status_code == 400 and "<title>Erreur — Créer un bénéficiaire" in refused.text
    assert errors(refused) == {
        "prenom": "Ce champ est obligatoire.",
        "telephone": "Numéro de téléphone invalide (exemple : 06 12 34 56 78 ou +33612345678).",
    }
    assert 'value="Lefèvre"' in refused.text and 'value="feminin" checked' in refused.text
    assert await count(site.hub, Beneficiaire) == 0 and await count(site.hub, Mutation) == avant


async def test_editing_shows_the_record_and_saves_it(site: Site) -> None:
    qui = await en_poste(site)
    camille = await beneficiaire(site.hub, qui, "Camille", "Lefèvre", genre="feminin", pas_de_telephone=True)

    form = await site.get(f"/mes-beneficiaires/{camille}/modifier")
    refused = await site.post(f"/mes-beneficiaires/{camille}/modifier", CAMILLE | {"annee_naissance": "2999"})
    saved = await site.post(f"/mes-beneficiaires/{camille}/modifier", CAMILLE | {"nom": "Lefèvre-Durand"})

    assert "<h1>Modifier Camille Lefèvre</h1>" in form.text
    assert 'id="genre-feminin" name="genre" value="feminin" checked' in form.text
    assert 'id="pas_de_telephone" name="pas_de_telephone" value="true" checked' in form.text
    assert refused.status_code == 400 and list(errors(refused)) == ["annee_naissance"]
    assert success(saved) == "Le bénéficiaire a été enregistré." and "<h1>Camille Lefèvre-Durand</h1>" in saved.text


async def test_deleting_asks_first_and_anonymises(site: Site) -> None:
    qui = await en_poste(site)
    camille = await beneficiaire(site.hub, qui, "Camille", "Lefèvre", genre="feminin")

    confirmation = await site.get(f"/mes-beneficiaires/{camille}/supprimer")
    deleted = await site.post(f"/mes-beneficiaires/{camille}/supprimer")

    assert "<h1>Supprimer Camille Lefèvre</h1>" in confirmation.text
    assert f'<form method="post" action="/mes-beneficiaires/{camille}/supprimer"' in confirmation.text
    assert success(deleted).startswith("Le bénéficiaire a été supprimé") and "Lefèvre" not in deleted.text
    (supprime,) = await lignes(site.hub, Beneficiaire)
    assert supprime.suppression is not None and supprime.nom is None and supprime.genre == "feminin"
    assert (await site.get(f"/mes-beneficiaires/{camille}")).status_code == 404


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("GET", "/modifier"), ("POST", "/modifier"), ("GET", "/supprimer"), ("POST", "/supprimer")],
)
async def test_another_mediators_beneficiaire_is_not_found(site: Site, method: str, suffix: str) -> None:
    leur = await beneficiaire(site.hub, await mediateur_en_poste(site.hub, "autre@exemple.fr"), "Sacha", "Autre")
    await en_poste(site)

    for cible in (leur, UNKNOWN, "pas-un-identifiant"):
        url = f"/mes-beneficiaires/{quote(cible)}{suffix}"
        response = await (site.get(url) if method == "GET" else site.post(url, CAMILLE))
        assert response.status_code == 404, (method, url)
    (intact,) = await lignes(site.hub, Beneficiaire)
    assert (intact.nom, intact.suppression) == ("Autre", None)


async def test_a_cra_form_searches_the_mediators_own_beneficiaires(site: Site) -> None:
    qui = await en_poste(site)
    camille = await beneficiaire(site.hub, qui, "Camille", "Lefèvre", annee_naissance=1985)
    await beneficiaire(site.hub, await mediateur_en_poste(site.hub, "autre@exemple.fr"), "Camille", "Lefevre")

    fragment = await site.get("/mes-beneficiaires/recherche", params={"pour": "individuel", "recherche": "lefevre"})
    cases = await site.get("/mes-beneficiaires/recherche", params={"pour": "collectif", "recherche": "CAMILLE"})
    sans_js = await site.get("/mes-activites/cra/individuel", params={"recherche": "lefèvre"})
    inconnu = await site.get("/mes-beneficiaires/recherche", params={"pour": "ailleurs", "recherche": "x"})

    assert "1 bénéficiaire trouvé pour « lefevre »" in fragment.text and "<html" not in fragment.text
    assert f'type="radio" id="beneficiaire-id-{camille}" name="beneficiaire.id" value="{camille}"' in fragment.text
    assert "Né·e en 1985" in fragment.text
    assert f'type="checkbox" id="participants-{camille}" name="participants" value="{camille}"' in cases.text
    assert f'id="beneficiaire-id-{camille}"' in sans_js.text and 'value="lefèvre"' in sans_js.text
    assert inconnu.status_code == 404


@pytest.mark.parametrize("roles", [("coordinateur",), ("admin",), ("support",)])
async def test_only_mediators_have_beneficiaires(site: Site, roles: tuple[str, ...]) -> None:
    await site.sign_in_as(*roles)

    for path in ("/mes-beneficiaires", "/mes-beneficiaires/creer", "/mes-beneficiaires/doublons"):
        assert (await site.get(path)).status_code == 403, path
    assert (await site.get("/mes-beneficiaires/recherche", params={"pour": "individuel"})).status_code == 403
