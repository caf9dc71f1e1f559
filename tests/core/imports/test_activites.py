"""Importing a mediator's activities: every faulty row reported (row, column, reason) before
anything is written; all or nothing per file, unless the valid rows are to be kept; the same
rules and messages as the forms; lieux and tags by name, followed bénéficiaires by id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from hub.core.activites.anonymes import DEPASSEMENT
from hub.core.activites.communes import COMMUNE_INCOMPLETE
from hub.core.activites.durees import DUREE_INVALIDE
from hub.core.activites.inputs import TYPE_REQUIS
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.preparation import LIEU_INCONNU, SANS_EMPLOYEUR
from hub.core.activites.regles import (
    ADMINISTRATIVES_INTERDITES,
    DATE_AVANT_DISPOSITIF,
    DATE_REQUISE,
    PARTICIPANT_REQUIS,
    PRECISIONS_INTERDITES,
    THEMATIQUE_REQUISE,
)
from hub.core.audit.models import Mutation
from hub.core.beneficiaires.acces import INTROUVABLE
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.errors import Conflict, ValidationError
from hub.core.hub import Hub
from hub.core.imports.activites.service import analyser_activites, importer_activites
from hub.core.imports.activites.verification import UN_SEUL_SUIVI
from hub.core.imports.rapport import ErreurLigne
from hub.core.tags.models import Tag, activites_tags
from hub.core.tags.visibilite import TAG_INCONNU
from tests.core.activites.support import beneficiaire, compteurs_incoherents, mediateur_en_poste
from tests.core.imports.fichiers import COLLECTIVE, INDIVIDUELLE, Format, ecrire
from tests.core.organisation.support import count, mediateur_id, utilisateur

# Each fault: what the row changes, and the one (column, message) it is reported with.
FAUTES: list[tuple[dict[str, Any], tuple[str, str]]] = [
    ({"Date": "03/02/2019"}, ("Date", DATE_AVANT_DISPOSITIF)),
    ({"Date": ""}, ("Date", DATE_REQUISE)),
    ({"Durée (min)": "une heure"}, ("Durée (min)", DUREE_INVALIDE)),
    ({"Canal": "En bus"}, ("Canal", "Valeur non autorisée : « En bus ».")),
    ({"Thématiques": "Logement"}, ("Thématiques", ADMINISTRATIVES_INTERDITES)),
    ({"Thématiques": ""}, ("Thématiques", THEMATIQUE_REQUISE)),
    ({"Canal": "Lieu d'activité", "Lieu d'activité": "Ailleurs"}, ("Lieu d'activité", LIEU_INCONNU)),
    ({"Code INSEE": ""}, ("Code INSEE", COMMUNE_INCOMPLETE)),
    ({"Tags": "Inconnu"}, ("Tags", TAG_INCONNU)),
    ({"Précisions sur la démarche": "CAF"}, ("Précisions sur la démarche", PRECISIONS_INTERDITES)),
    ({"Type": "Réunion"}, ("Type", TYPE_REQUIS)),
    ({"Bénéficiaires suivis": "3f2b9c1a-0000-4000-8000-000000000000"}, ("Bénéficiaires suivis", INTROUVABLE)),
]
SANS_PARTICIPANT = {entete: "" for entete in COLLECTIVE if entete.startswith(("Participants", "Anonymes"))}
FAUTES_COLLECTIVES: list[tuple[dict[str, Any], tuple[str, str]]] = [
    (SANS_PARTICIPANT, ("Bénéficiaires suivis", PARTICIPANT_REQUIS)),
    ({"Anonymes – genre : Féminin": "7"}, ("Participants anonymes", DEPASSEMENT)),
]


def fichier_avec_fautes(dossier: Path, format: Format) -> tuple[Path, set[tuple[int, str, str]]]:
    """1 000 valid rows (individual and collective) and 20 faulty ones spread among them; the
    faults expected, by row number."""
    lignes: list[dict[str, Any]] = []
    attendues: set[tuple[int, str, str]] = set()
    fautes = FAUTES + FAUTES_COLLECTIVES
    for rang in range(1_020):
        base = COLLECTIVE if rang % 3 == 0 else INDIVIDUELLE
        if rang % 51 == 7:
            numero = len(attendues)
            changement, (colonne, message) = fautes[numero % len(fautes)]
            base = COLLECTIVE if (changement, (colonne, message)) in FAUTES_COLLECTIVES else INDIVIDUELLE
            lignes.append(base | changement)
            attendues.add((rang + 2, colonne, message))
        else:
            lignes.append(dict(base))
    return ecrire(dossier, lignes, format), attendues


async def lignes_ecrites(hub: Hub) -> dict[str, int]:
    return {
        "activites": await count(hub, Activite),
        "accompagnements": await count(hub, Accompagnement),
        "beneficiaires": await count(hub, Beneficiaire),
    }


@pytest.mark.parametrize("format", ["csv", "xlsx"])
async def test_1000_valid_rows_and_20_faulty_ones_report_exactly_the_20_and_write_nothing_unless_told(
    hub: Hub, tmp_path: Path, format: Format
) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    chemin, attendues = fichier_avec_fautes(tmp_path, format)
    assert len(attendues) == 20

    async with hub.session() as session:
        analyse = await analyser_activites(session, qui.id, chemin)
    async with hub.session() as session, session.begin():
        refus = await importer_activites(session, qui.id, chemin, par=qui.user_id)

    for bilan in (analyse, refus):
        assert {(erreur.ligne, erreur.colonne, erreur.message) for erreur in bilan.erreurs} == attendues
        assert (bilan.lignes, bilan.activites, bilan.lignes_en_erreur, bilan.importe) == (1_020, 1_000, 20, False)
    assert await lignes_ecrites(hub) == {"activites": 0, "accompagnements": 0, "beneficiaires": 0}

    async with hub.session() as session, session.begin():
        bilan = await importer_activites(session, qui.id, chemin, par=qui.user_id, garder_valides=True)

    assert (bilan.importe, bilan.activites, bilan.lignes_en_erreur) == (True, 1_000, 20)
    ateliers = 340  # one row in three is a workshop of 4 (the faulty rows are others)
    assert bilan.accompagnements == (1_000 - ateliers) + 4 * ateliers
    assert await lignes_ecrites(hub) == {
        "activites": 1_000,
        "accompagnements": bilan.accompagnements,
        "beneficiaires": bilan.accompagnements,
    }
    async with hub.session() as session:
        assert await compteurs_incoherents(session, qui.id) == []
        journal = (await session.scalars(sa.select(Mutation).where(Mutation.nom == "importer_activites"))).all()
    assert [(m.user_id, m.donnees) for m in journal] == [
        (
            qui.user_id,
            {
                "mediateur_id": qui.id,
                "lignes": 1_020,
                "activites": 1_000,
                "accompagnements": bilan.accompagnements,
                "lignes_en_erreur": 20,
                "garder_valides": True,
            },
        )
    ]


async def test_a_file_without_fault_is_imported_whole(hub: Hub, tmp_path: Path) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    chemin = ecrire(tmp_path, [INDIVIDUELLE, COLLECTIVE])

    async with hub.session() as session, session.begin():
        bilan = await importer_activites(session, qui.id, chemin, par=None)

    assert (bilan.importe, bilan.lignes, bilan.activites, bilan.accompagnements, bilan.erreurs) == (True, 2, 2, 5, [])
    async with hub.session() as session:
        activites = (await session.scalars(sa.select(Activite).order_by(Activite.date))).all()
        anonymes = (await session.scalars(sa.select(Beneficiaire).order_by(Beneficiaire.genre))).all()
    individuelle, atelier = activites
    assert (individuelle.type, individuelle.duree, individuelle.lieu_commune, individuelle.thematiques) == (
        "individuel",
        45,
        "Reims",
        ["email", "sante"],
    )
    assert (atelier.titre_atelier, atelier.niveau, atelier.accompagnements_count) == ("Premiers pas", "debutant", 4)
    assert atelier.lieu_code_insee == "51454"  # à distance: the employer's commune
    assert [(b.genre, b.tranche_age, b.statut_social) for b in anonymes if not b.attributions_aleatoires] == [
        ("feminin", "soixante_soixante_neuf", "retraite")
    ]
    assert sorted(b.genre for b in anonymes if b.attributions_aleatoires) == [
        "feminin",
        "feminin",
        "non_communique",
        "non_communique",
    ]


async def test_lieux_and_tags_are_named_followed_beneficiaries_given_by_id(hub: Hub, tmp_path: Path) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr", nb_lieux=2)
    alix = await beneficiaire(hub, qui, "Alix")
    bao = await beneficiaire(hub, qui, "Bao")
    async with hub.session() as session, session.begin():
        session.add(Tag(nom="France Services", mediateur_id=qui.id))
        session.add(Tag(nom="Numérique solidaire"))
    lignes = [
        INDIVIDUELLE
        | {"Canal": "lieu_activite", "Lieu d'activité": "LIEU 1 DE CAMILLE@EXEMPLE.FR", "Bénéficiaires suivis": alix},
        COLLECTIVE | {"Tags": "france services, Numérique solidaire", "Bénéficiaires suivis": f"{alix}, {bao}"},
        INDIVIDUELLE | {"Bénéficiaires suivis": f"{alix}; {bao}"},
    ]

    async with hub.session() as session, session.begin():
        bilan = await importer_activites(session, qui.id, ecrire(tmp_path, lignes), par=None, garder_valides=True)

    assert bilan.erreurs == [ErreurLigne(4, "Bénéficiaires suivis", UN_SEUL_SUIVI)]
    async with hub.session() as session:
        individuelle, atelier = (await session.scalars(sa.select(Activite).order_by(Activite.date))).all()
        tags = (await session.scalars(sa.select(Tag.nom).join(activites_tags).order_by(Tag.nom))).all()
        assert await compteurs_incoherents(session, qui.id) == []
        assert (await session.get(Beneficiaire, alix)).accompagnements_count == 2  # type: ignore[union-attr]
    assert individuelle.structure_id == qui.lieux[1]
    assert (atelier.accompagnements_count, tags) == (6, ["France Services", "Numérique solidaire"])


async def test_a_mediator_without_employer_cannot_import(hub: Hub, tmp_path: Path) -> None:
    user = await utilisateur(hub, "sans-employeur@exemple.fr", "mediateur")
    async with hub.session() as session:
        with pytest.raises(Conflict, match=SANS_EMPLOYEUR):
            await analyser_activites(session, await mediateur_id(hub, user), ecrire(tmp_path, [INDIVIDUELLE]))


async def test_a_file_with_headers_only_is_refused(hub: Hub, tmp_path: Path) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    chemin = tmp_path / "vide.csv"
    chemin.write_text("Type;Date;Durée (min);Canal;Thématiques\n")

    async with hub.session() as session:
        with pytest.raises(ValidationError) as refus:
            await analyser_activites(session, qui.id, chemin)
    assert refus.value.errors == {"fichier": "Le fichier ne contient aucune activité sous la ligne des en-têtes."}
