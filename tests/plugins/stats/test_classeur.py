"""The XLSX statistics workbook: one sheet « Statistiques », who/when/filters, then every block
with the numbers of the page for the same filters."""

from __future__ import annotations

from datetime import date

from hub.core.activites.dates import aujourd_hui
from plugins.stats.sections import REPARTITIONS
from tests.plugins.stats.lecture_classeur import lire_classeur
from tests.plugins.stats.support import MoteurEnregistre


async def test_the_workbook_holds_the_engine_s_numbers_for_the_page_s_filters(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"))
    s = moteur_enregistre.resultat

    reponse = await client.get("/stats/xlsx", params={"du": "2025-01-01", "au": "2025-03-31", "types": "individuel"})

    assert reponse.status_code == 200
    assert reponse.headers["content-disposition"] == f'attachment; filename="statistiques-{aujourd_hui():%Y-%m-%d}.xlsx"'
    (_, filtres, _) = moteur_enregistre.appels[0]
    assert (filtres.du, filtres.au, filtres.types) == (date(2025, 1, 1), date(2025, 3, 31), ["individuel"])
    feuille, entete, blocs = lire_classeur(reponse.content)
    assert feuille == "Statistiques"
    assert entete["Exporté par"].startswith("Camille Test") and entete["Le"]
    assert entete["Périmètre"] == "Vos accompagnements"
    assert entete["Période"] == "du 01/01/2025 au 31/03/2025" and entete["Types"] == "Accompagnement individuel"
    generales = dict(blocs["Statistiques générales"][1:])
    assert generales["Accompagnements au total"] == s.accompagnements.total == 1342
    assert generales["Bénéficiaires accompagnés"] == 911 and generales["dont nouveaux bénéficiaires"] == 604
    assert generales["dont bénéficiaires anonymes"] == 522 and generales["dont aide aux démarches administratives"] == 233
    assert blocs["Accompagnements par mois"][1:] == [(p.libelle, p.nombre) for p in s.par_mois]
    assert blocs["Accompagnements par jour"][1:] == [(p.libelle, p.nombre) for p in s.par_jour]
    assert blocs["Statistiques sur vos accompagnements"][1:] == [
        (t.libelle, t.activites, t.accompagnements, t.proportion) for t in s.types
    ]
    for r in REPARTITIONS:
        assert blocs[r.bloc][0] == (r.colonne, r.entete_nombre, "Proportion (%)")
        assert blocs[r.bloc][1:] == [(p.libelle, p.nombre, p.proportion) for p in r.parts(s)], r.bloc
    assert list(blocs)[:4] == [
        "Statistiques générales",
        "Accompagnements par mois",
        "Accompagnements par jour",
        "Statistiques sur vos accompagnements",
    ]


async def test_the_team_s_workbook_says_so_and_a_bad_filter_is_a_400(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"), login=("coordinateur",))

    reponse = await client.get("/stats/equipe/xlsx")
    refus = await client.get("/stats/equipe/xlsx", params={"du": "hier"})

    _, entete, _ = lire_classeur(reponse.content)
    assert entete["Périmètre"] == "Les accompagnements de votre équipe"
    assert 'filename="statistiques-equipe-' in reponse.headers["content-disposition"]
    assert refus.status_code == 400 and "Date invalide (attendu : AAAA-MM-JJ)" in refus.text
