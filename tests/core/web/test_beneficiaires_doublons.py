"""« Doublons possibles »: the pairs that may be the same person, and merging them after choosing
the record to keep and confirming — only among one's own bénéficiaires."""

from __future__ import annotations

from cra_helpers import UNKNOWN, en_poste, individuel, lignes
from organisation_helpers import Site, errors, success

from hub.core.activites.models import Accompagnement
from hub.core.beneficiaires.models import Beneficiaire
from tests.core.activites.support import beneficiaire, mediateur_en_poste


async def test_possible_duplicates_are_listed_then_merged_into_the_record_kept(site: Site) -> None:
    qui = await en_poste(site)
    ancienne = await beneficiaire(site.hub, qui, "Jean-Pierre", "Lefèvre", telephone="06 12 34 56 78")
    nouvelle = await beneficiaire(site.hub, qui, "jean pierre", "LEFEVRE", annee_naissance=1960)
    await beneficiaire(site.hub, qui, "Camille", "Martin")
    await site.post("/mes-activites/cra/individuel", individuel(qui, **{"beneficiaire.id": nouvelle}))

    liste = await site.get("/mes-beneficiaires/doublons")
    choix = await site.get(f"/mes-beneficiaires/fusion/{ancienne}/{nouvelle}")
    sans_choix = await site.get(f"/mes-beneficiaires/fusion/{ancienne}/{nouvelle}/confirmer")
    confirmation = await site.get(
        f"/mes-beneficiaires/fusion/{ancienne}/{nouvelle}/confirmer", params={"cible": ancienne}
    )
    fusion = await site.post(f"/mes-beneficiaires/fusion/{ancienne}/{nouvelle}/confirmer", {"cible": ancienne})

    assert "<caption>Paires de fiches à vérifier : 1</caption>" in liste.text and "nom, prénom" in liste.text
    assert f'href="/mes-beneficiaires/fusion/{ancienne}/{nouvelle}">Fusionner' in liste.text
    assert "<h1>Fusionner deux fiches</h1>" in choix.text and choix.text.count("<h2 class=\"fr-h4\">") == 2
    assert f'id="cible-{ancienne}" name="cible" value="{ancienne}"' in choix.text
    assert sans_choix.status_code == 400 and errors(sans_choix) == {"cible": "Choisissez la fiche à garder."}
    assert "<h1>Fusionner la fiche de jean pierre LEFEVRE dans celle de Jean-Pierre Lefèvre</h1>" in confirmation.text
    assert f'<input type="hidden" name="cible" value="{ancienne}">' in confirmation.text
    assert fusion.url.path == f"/mes-beneficiaires/{ancienne}"
    assert success(fusion) == "Les deux fiches ont été fusionnées."
    fiches = {b.id: b for b in await lignes(site.hub, Beneficiaire)}
    assert fiches[ancienne].annee_naissance == 1960 and fiches[nouvelle].fusion_vers_id == ancienne
    (accompagnement,) = await lignes(site.hub, Accompagnement)
    assert accompagnement.beneficiaire_id == ancienne
    assert "Aucun doublon possible" in (await site.get("/mes-beneficiaires/doublons")).text


async def test_merging_needs_two_of_ones_own_beneficiaires(site: Site) -> None:
    leur = await beneficiaire(site.hub, await mediateur_en_poste(site.hub, "autre@exemple.fr"), "Sacha", "Autre")
    qui = await en_poste(site)
    mien = await beneficiaire(site.hub, qui, "Sacha", "Autre")

    for a, b in ((mien, leur), (leur, mien), (mien, UNKNOWN), (mien, mien)):
        base = f"/mes-beneficiaires/fusion/{a}/{b}"
        assert (await site.get(base)).status_code == 404, base
        assert (await site.get(f"{base}/confirmer", params={"cible": mien})).status_code == 404, base
        assert (await site.post(f"{base}/confirmer", {"cible": mien})).status_code == 404, base
    assert all(b.suppression is None for b in await lignes(site.hub, Beneficiaire))
