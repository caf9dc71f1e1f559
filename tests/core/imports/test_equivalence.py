"""The bulk import writes what the service writes: two mediators working at the same places,
one importing a file, the other recording the same CRAs one by one with
:func:`~hub.core.activites.service.creer_activite` (same random draws): their activities,
accompagnements, anonymous and followed bénéficiaires, tags and counters are the same rows."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from hub.core.activites.inputs import lire_cra
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.service import creer_activite
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from hub.core.imports.activites.service import importer_activites
from hub.core.structures.models import Structure
from hub.core.tags.models import Tag, activites_tags
from tests.core.activites.support import EnPoste, beneficiaire
from tests.core.imports.fichiers import ecrire
from tests.core.organisation.support import mediateur_id, structure, utilisateur

REIMS = {"lieu_commune": "Reims", "lieu_code_postal": "51100", "lieu_code_insee": "51454"}
IGNORES = {"id", "mediateur_id", "creation", "modification"}


def lignes_et_cras(lieu: str, suivis: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The same activities as file rows and as CRAs (``suivis``: followed ids by first name)."""
    return [
        {"Type": "individuel", "Date": "2025-03-12", "Durée (min)": 45, "Canal": "domicile", "Commune": "Reims",
         "Code postal": "51100", "Code INSEE": "51454", "Thématiques": "email", "Genre": "masculin",
         "Commune du bénéficiaire": "Reims", "Code postal du bénéficiaire": "51100",
         "Code INSEE du bénéficiaire": "51454", "Déjà accompagné": "oui", "Niveau d'autonomie": "autonome"},
        {"Type": "individuel", "Date": "2025-04-02", "Durée (min)": 30, "Canal": "lieu_activite",
         "Lieu d'activité": "Médiathèque", "Thématiques": "aide_aux_demarches_administratives, logement",
         "Précisions sur la démarche": "APL", "Bénéficiaires suivis": suivis["Alix"],
         "Orienté vers une structure": "oui",
         "Structure de redirection": "aide_sociale", "Tags": "Numérique solidaire", "Notes": "Dossier APL"},
        {"Type": "collectif", "Date": "2025-02-20", "Durée (min)": 120, "Canal": "a_distance", "Thématiques": "email",
         "Matériel": "ordinateur, tablette", "Bénéficiaires suivis": f"{suivis['Alix']}, {suivis['Bao']}",
         "Participants anonymes": 5, "Anonymes déjà accompagnés": 2, "Anonymes – genre : Féminin": 3,
         "Anonymes – âge : 60 - 69 ans": 1, "Anonymes – statut : Retraité": 2, "Titre de l'atelier": "Courriel",
         "Niveau de l'atelier": "intermediaire"},
        {"Type": "individuel", "Date": "2025-02-20", "Durée (min)": 60, "Canal": "autre", "Commune": "Reims",
         "Code postal": "51100", "Code INSEE": "51454", "Thématiques": "sante", "Bénéficiaires suivis": suivis["Bao"]},
    ], [
        {"type": "individuel", "date": "2025-03-12", "duree": "45", "type_lieu": "domicile", **REIMS,
         "thematiques": ["email"], "autonomie": "autonome",
         "beneficiaire": {"genre": "masculin", "deja_accompagne": True, "commune": "Reims",
                          "commune_code_postal": "51100", "commune_code_insee": "51454"}},
        {"type": "individuel", "date": "2025-04-02", "duree": "30", "type_lieu": "lieu_activite", "structure_id": lieu,
         "thematiques": ["aide_aux_demarches_administratives", "logement"], "precisions_demarche": "APL",
         "beneficiaire": {"id": suivis["Alix"]}, "oriente_vers_structure": True,
         "structure_de_redirection": "aide_sociale", "tags": [suivis["tag"]], "notes": "Dossier APL"},
        {"type": "collectif", "date": "2025-02-20", "duree": "120", "type_lieu": "a_distance",
         "thematiques": ["email"], "materiel": ["ordinateur", "tablette"],
         "participants": [suivis["Alix"], suivis["Bao"]],
         "participants_anonymes": {"total": 5, "deja_accompagne": 2, "genre_feminin": 3,
                                   "tranche_age_soixante_soixante_neuf": 1, "statut_social_retraite": 2},
         "titre_atelier": "Courriel", "niveau_atelier": "intermediaire"},
        {"type": "individuel", "date": "2025-02-20", "duree": "60", "type_lieu": "autre", **REIMS,
         "thematiques": ["sante"], "beneficiaire": {"id": suivis["Bao"]}},
    ]


async def au_travail(hub: Hub, email: str, employeur: str, lieu: str) -> EnPoste:
    user = await utilisateur(hub, email, "mediateur", employeur=employeur, lieux=[lieu])
    return EnPoste(user.id, await mediateur_id(hub, user), employeur, [lieu])


async def ce_qui_est_ecrit(hub: Hub, mediateur: str) -> dict[str, Any]:
    """The rows of the mediator, without ids nor instants, followed bénéficiaires by name (the
    lieu's counter, which both share, is checked by the test)."""
    async with hub.session() as session:
        activites = (
            await session.scalars(
                sa.select(Activite).where(Activite.mediateur_id == mediateur).order_by(Activite.creation)
            )
        ).all()
        vues = []
        for activite in activites:
            accompagnes = await session.execute(
                sa.select(Beneficiaire, Accompagnement.premier_accompagnement)
                .join(Accompagnement, Accompagnement.beneficiaire_id == Beneficiaire.id)
                .where(Accompagnement.activite_id == activite.id)
            )
            tags = await session.scalars(
                sa.select(Tag.nom).join(activites_tags).where(activites_tags.c.activite_id == activite.id)
            )
            vues.append(
                {
                    **{c.name: getattr(activite, c.name) for c in Activite.__table__.columns if c.name not in IGNORES},
                    "accompagnements": sorted(
                        (
                            b.prenom or "",
                            b.anonyme,
                            b.attributions_aleatoires,
                            b.genre,
                            b.tranche_age,
                            b.statut_social,
                            b.commune_code_insee or "",
                            b.accompagnements_count,
                            premier,
                        )
                        for b, premier in accompagnes.all()
                    ),
                    "tags": sorted(tags),
                }
            )
        suivis = (
            await session.execute(
                sa.select(Beneficiaire.prenom, Beneficiaire.accompagnements_count)
                .where(Beneficiaire.mediateur_id == mediateur, Beneficiaire.anonyme.is_(False))
                .order_by(Beneficiaire.prenom)
            )
        ).all()
        compteurs = await session.get(Mediateur, mediateur)
        assert compteurs is not None and compteurs.derniere_creation_activite is not None
    return {
        "activites": vues,
        "suivis": suivis,
        "compteurs": (compteurs.activites_count, compteurs.accompagnements_count, compteurs.beneficiaires_count),
    }


async def test_an_imported_file_writes_the_rows_the_service_writes_one_by_one(hub: Hub, tmp_path: Path) -> None:
    employeur = await structure(hub, nom="Employeur", code_insee="51454")
    lieu = await structure(hub, nom="Médiathèque", code_insee="51454")
    async with hub.session() as session, session.begin():
        tag = Tag(nom="Numérique solidaire")
        session.add(tag)
    importe = await au_travail(hub, "importe@exemple.fr", employeur, lieu)
    saisi = await au_travail(hub, "saisi@exemple.fr", employeur, lieu)
    suivis_importe = {nom: await beneficiaire(hub, importe, nom) for nom in ("Alix", "Bao")} | {"tag": tag.id}
    suivis_saisi = {nom: await beneficiaire(hub, saisi, nom) for nom in ("Alix", "Bao")} | {"tag": tag.id}
    lignes, _ = lignes_et_cras(lieu, suivis_importe)
    _, cras = lignes_et_cras(lieu, suivis_saisi)

    async with hub.session() as session, session.begin():
        bilan = await importer_activites(
            session, importe.id, ecrire(tmp_path, lignes), par=None, aleatoire=random.Random(7)
        )
    async with hub.session() as session:
        apres_import = (await session.get(Structure, lieu)).activites_count  # type: ignore[union-attr]
    aleatoire = random.Random(7)
    for cra in cras:
        async with hub.session() as session, session.begin():
            await creer_activite(session, saisi.id, lire_cra(cra), par=None, aleatoire=aleatoire)

    assert bilan.importe and bilan.erreurs == []
    assert await ce_qui_est_ecrit(hub, importe.id) == await ce_qui_est_ecrit(hub, saisi.id)
    async with hub.session() as session:
        assert (await session.get(Structure, lieu)).activites_count == 2 * apres_import == 2  # type: ignore[union-attr]
