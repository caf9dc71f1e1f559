"""The « Activités » export: one row per accompagnement, La Coop's columns in order, a
metadata header; a coordinator's team export without any bénéficiaire identity nor notes;
the shared filters; the CSV variant."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.models import Activite
from hub.core.activites.portee import PorteeMediateur
from hub.core.exports.activites.service import portee_export
from hub.core.hub import Hub
from tests.core.exports.support import equipe_au_travail, exporter, lignes_xlsx, principal, tableau

COLONNES_MEDIATEUR = [
    "Date",
    "Enregistré le",
    "Dernière modification le",
    "Type",
    "Participants",
    "Bénéficiaire",
    "Canaux d'accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l'atelier",
    "Matériel",
    "Thématique(s)",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d'autonomie (ou de l'atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code INSEE du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d'âge du bénéficiaire",
    "Statut du bénéficiaire",
    "Notes",
    "ID CRA",
]
MEDIATEUR = ["Prénom du médiateur", "Nom du médiateur", "Rôle", "Conseiller numérique"]


async def test_a_workshop_of_10_gives_10_rows_numbered_like_la_coop(hub: Hub) -> None:
    equipe = await equipe_au_travail(hub)
    camille = await principal(hub, equipe.camille.user_id)

    meta, lignes = tableau(await exporter(hub, PorteeMediateur(equipe.camille.id), camille))

    assert list(lignes[0]) == COLONNES_MEDIATEUR
    atelier = [ligne for ligne in lignes if ligne["Type"] == "Atelier collectif"]
    assert len(lignes) == 11 and len(atelier) == 10
    assert [ligne["Participants"] for ligne in atelier] == [f"{rang}/10" for rang in range(1, 11)]
    assert sorted(ligne["Bénéficiaire"] for ligne in atelier) == ["Alix Martin"] + ["Anonyme"] * 9
    assert {ligne["ID CRA"] for ligne in atelier} == {atelier[0]["ID CRA"]}
    premiere = atelier[0]
    assert premiere["Date"] == datetime(2025, 3, 14)
    assert isinstance(premiere["Enregistré le"], datetime)
    assert (premiere["Canaux d'accompagnement"], premiere["Commune"], premiere["Durée (min)"]) == (
        "À domicile",
        "Reims",
        45,
    )
    assert (premiere["Nom de l'atelier"], premiere["Tags"], premiere["Niveau d'autonomie (ou de l'atelier)"]) == (
        "Premiers pas",
        "France Services, Seniors",
        "2/3",
    )
    assert premiere["Thématique(s)"] == "E-mail" and premiere["Notes"] == "Salle B"
    assert sorted(ligne["Genre du bénéficiaire"] for ligne in atelier).count("Féminin") == 4
    individuel = lignes[-1]
    assert (individuel["Participants"], individuel["Bénéficiaire"]) == ("1/1", "Anonyme")
    assert individuel["Notes"] == "Note privée"
    assert individuel["Niveau d'autonomie (ou de l'atelier)"] == "2/3" and individuel["Bénéficiaire réorienté"] is None
    assert [ligne[:2] for ligne in meta] == [
        ("Activités", None),
        ("Exporté par", "Camille Leroy (camille@exemple.fr)"),
        ("Le", meta[2][1]),
        ("Portée", "Mes activités"),
        ("Filtres", "Aucun"),
    ]


async def test_a_coordinator_exports_the_team_without_identities_nor_notes(hub: Hub) -> None:
    equipe = await equipe_au_travail(hub)
    dominique = await principal(hub, equipe.coordinateur_user_id)
    async with hub.session() as session:
        portee = await portee_export(session, dominique, equipe=True)

    contenu = await exporter(hub, portee, dominique)
    csv = (await exporter(hub, portee, dominique, "csv")).decode("utf-8-sig")

    meta, lignes = tableau(contenu)
    colonnes = [c for c in COLONNES_MEDIATEUR if c not in ("Bénéficiaire", "Notes")]
    assert list(lignes[0]) == colonnes[:3] + MEDIATEUR + colonnes[3:]
    assert len(lignes) == 11
    assert {tuple(ligne[colonne] for colonne in MEDIATEUR) for ligne in lignes} == {
        ("Camille", "Leroy", "Médiateur", "Non")
    }
    assert ("Portée", "Les activités de mon équipe") in [ligne[:2] for ligne in meta]
    for secret in ("Alix", "Martin", "Note privée", "Salle B"):
        assert secret not in str(lignes_xlsx(contenu)) and secret not in csv


async def test_the_shared_filters_narrow_the_rows_and_are_told_in_the_header(hub: Hub) -> None:
    equipe = await equipe_au_travail(hub)
    camille = await principal(hub, equipe.camille.user_id)
    filtres = FiltresActivites(du=date(2025, 3, 13), types=["collectif"], lieux=[equipe.camille.lieux[0]])

    meta, lignes = tableau(await exporter(hub, PorteeMediateur(equipe.camille.id), camille, filtres=filtres))

    assert lignes == []  # the workshop took place at home, not at the lieu
    assert [ligne[:2] for ligne in meta[3:]] == [
        ("Portée", "Mes activités"),
        ("Période", "du 13/03/2025"),
        ("Types", "Atelier collectif"),
        ("Lieux d'activité", "Lieu 0 de camille@exemple.fr"),
    ]
    _, ateliers = tableau(
        await exporter(
            hub, PorteeMediateur(equipe.camille.id), camille, filtres=FiltresActivites(types=["collectif"])
        )
    )
    assert len(ateliers) == 10


async def test_the_csv_variant_is_utf8_with_bom_and_semicolons_headers_first(hub: Hub) -> None:
    equipe = await equipe_au_travail(hub)
    camille = await principal(hub, equipe.camille.user_id)

    contenu = await exporter(hub, PorteeMediateur(equipe.camille.id), camille, "csv")

    assert contenu.startswith("\ufeff".encode())
    lignes = contenu.decode("utf-8-sig").splitlines()
    assert lignes[0].split(";") == COLONNES_MEDIATEUR
    assert len(lignes) == 12
    assert lignes[1].startswith("14/03/2025;") and ";Atelier collectif;1/10;" in lignes[1]


async def test_the_source_column_comes_with_v1_activities(hub: Hub) -> None:
    equipe = await equipe_au_travail(hub)
    camille = await principal(hub, equipe.camille.user_id)
    async with hub.session() as session, session.begin():
        await session.execute(
            sa.update(Activite).where(Activite.type == "individuel").values(v1_cra_id="cra-v1-42")
        )

    _, lignes = tableau(await exporter(hub, PorteeMediateur(equipe.camille.id), camille))

    assert list(lignes[0])[-2:] == ["Source de la donnée", "ID CRA"]
    assert {ligne["Source de la donnée"] for ligne in lignes} == {
        "Espace Coop (V1)",
        "La Coop de la médiation numérique",
    }
