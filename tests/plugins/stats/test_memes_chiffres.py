"""The same filters give the same numbers on the « Mes statistiques » page, in its XLSX workbook
and through ``GET /api/v1/statistiques``: three surfaces, one engine."""

from __future__ import annotations

from typing import Any

from hub.core.activites.service import creer_activite
from tests.core.activites.support import INDIVIDUEL, cra, mediateur_en_poste
from plugins.stats.sections import REPARTITIONS
from tests.core.api.support import client_api
from tests.plugins.stats.lecture_classeur import lire_classeur
from tests.plugins.stats.support import bloc, lignes_tableau, texte

# The API's name of each breakdown the page and the workbook show.
EN_API = {
    "thematiques_mediation": ("activites", "thematiques"),
    "thematiques_demarches": ("activites", "thematiques_demarches"),
    "materiel": ("activites", "materiels"),
    "canaux": ("activites", "type_lieu"),
    "durees": ("activites", "durees"),
    "genres": ("beneficiaires", "genres"),
    "tranches_age": ("beneficiaires", "tranche_ages"),
    "statuts": ("beneficiaires", "statuts_social"),
}
BLOCS = {r.champ: r.bloc for r in REPARTITIONS}


async def test_page_workbook_and_api_agree_for_the_same_filters(site) -> None:
    hub, qui, client = site
    autre = await mediateur_en_poste(hub, "alex@exemple.fr")
    async with hub.session() as db, db.begin():  # another mediator's work: the filter on the mediator matters
        await creer_activite(db, autre.id, cra(INDIVIDUEL, date="2025-05-03", thematiques=["sante"]), par=None)
    _, lecteur = await client_api(hub, "statistiques")
    filtres = {"du": "2025-03-01", "au": "2025-06-30"}

    page = (await client.get("/stats", params=filtres)).text
    _, _, blocs = lire_classeur((await client.get("/stats/xlsx", params=filtres)).content)
    api = await client.get(
        "/api/v1/statistiques",
        params={f"filter[{nom}]": valeur for nom, valeur in {**filtres, "mediateurs": qui.id}.items()},
        headers=lecteur,
    )

    assert api.status_code == 200, api.text
    attributs: dict[str, Any] = api.json()["data"]["attributes"]
    totaux = attributs["totaux"]
    generales = dict(blocs["Statistiques générales"][1:])
    assert totaux["accompagnements"]["total"] == generales["Accompagnements au total"] == 4
    assert f"{totaux['accompagnements']['total']} Accompagnements au total" in texte(bloc(page, "stats-generales"))
    assert totaux["beneficiaires"]["total"] == generales["Bénéficiaires accompagnés"] == attributs["beneficiaires"]["total"]
    assert totaux["beneficiaires"]["anonymes"] == generales["dont bénéficiaires anonymes"]
    assert [(p["label"], p["count"]) for p in attributs["accompagnements_par_mois"]] == blocs["Accompagnements par mois"][1:]
    assert [(p["label"], p["count"]) for p in attributs["accompagnements_par_jour"]] == blocs["Accompagnements par jour"][1:]
    for champ, (section, nom) in EN_API.items():
        en_api = [(p["label"], p["count"], p["proportion"]) for p in attributs[section][nom]]
        assert en_api == blocs[BLOCS[champ]][1:], champ
        sur_la_page = [(ligne[0], int(ligne[1])) for ligne in lignes_tableau(bloc(page, f"stats-{champ.replace('_', '-')}"))]
        assert sur_la_page == [(libelle, nombre) for libelle, nombre, _ in en_api], champ
