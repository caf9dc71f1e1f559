"""A small data set built by hand through the real services, whose every figure the tests
compute by hand (see ``test_jeu.py``).

- Alice (conseillère numérique; lieux L1 Reims, L2 Charleville-Mézières), Bruno (lieu L3
  Épernay), Chloé (no lieu); the coordinator's team: Alice, and Chloé until 2 March 2025.
- Alice's followed bénéficiaires: Alix, Basile, Cyrille, a duplicate of Alix merged into her,
  Eden (deleted, so anonymised, after her activity); Bruno's: Gaspard.
- Activities a1…a7 (Alice; a6 in 2024, a7 deleted), b1, b2 (Bruno), c1, c2 (Chloé, c2 after
  she left the team): see :func:`construire`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hub.core.activites.portee import PorteeEquipe, portee_equipe
from hub.core.activites.service import creer_activite, supprimer_activite
from hub.core.beneficiaires.fusion import fusionner_beneficiaires
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.service import creer_beneficiaire, supprimer_beneficiaire
from hub.core.hub import Hub
from hub.core.identity.principal import Principal
from hub.core.tags.models import Tag
from hub.core.tags.service import TagInput, creer_tag
from hub.core.teams.models import MediateurCoordonne
from tests.core.activites.support import cra
from tests.core.organisation.support import coordinateur_id, mediateur_id, structure, utilisateur

REIMS = {"commune": "Reims", "code_postal": "51100", "code_insee": "51454"}
EPERNAY = {"commune": "Épernay", "code_postal": "51200", "code_insee": "51230"}
CHARLEVILLE = {"commune": "Charleville-Mézières", "code_postal": "08000", "code_insee": "08105"}
DOMICILE_REIMS = {"type_lieu": "domicile", "lieu_commune": "Reims", "lieu_code_postal": "51100", "lieu_code_insee": "51454"}


@dataclass
class Jeu:
    """The ids of the data set."""

    ids: dict[str, str] = field(default_factory=dict)
    equipe: PorteeEquipe | None = None

    def __getitem__(self, nom: str) -> str:
        return self.ids[nom]


async def _mediateur(hub: Hub, jeu: Jeu, nom: str, employeur: dict[str, str], lieux: dict[str, tuple[str, dict[str, str]]], **champs: Any) -> None:
    jeu.ids[f"E{nom}"] = await structure(hub, nom=f"Employeur de {nom}", **employeur)
    for cle, (libelle, commune) in lieux.items():
        jeu.ids[cle] = await structure(hub, nom=libelle, **commune)
    user = await utilisateur(
        hub, f"{nom.lower()}@exemple.fr", "mediateur", employeur=jeu[f"E{nom}"], lieux=[jeu[c] for c in lieux], **champs
    )
    jeu.ids[f"user_{nom}"] = user.id
    jeu.ids[nom] = await mediateur_id(hub, user)


async def construire(hub: Hub) -> Jeu:
    jeu = Jeu()
    await _mediateur(
        hub,
        jeu,
        "Alice",
        REIMS,
        {"L1": ("Médiathèque Croix-Rouge", REIMS), "L2": ("France Services Charleville", CHARLEVILLE)},
        is_conseiller_numerique=True,
    )
    await _mediateur(hub, jeu, "Bruno", EPERNAY, {"L3": ("Espace numérique d'Épernay", EPERNAY)})
    await _mediateur(hub, jeu, "Chloe", REIMS, {})
    coordo = await utilisateur(hub, "coordo@exemple.fr", "coordinateur")
    k = Principal(id=coordo.id, display_name="K", coordinateur_id=await coordinateur_id(hub, coordo))
    alice = Principal(id=jeu["user_Alice"], display_name="A", mediateur_id=jeu["Alice"])
    async with hub.session() as session, session.begin():
        debut = datetime(2024, 6, 1, tzinfo=UTC)
        session.add(MediateurCoordonne(mediateur_id=jeu["Alice"], coordinateur_id=k.coordinateur_id, creation=debut))
        session.add(
            MediateurCoordonne(
                mediateur_id=jeu["Chloe"],
                coordinateur_id=k.coordinateur_id,
                creation=debut,
                suppression=datetime(2025, 3, 2, 10, tzinfo=UTC),
            )
        )
        jeu.ids["T1"] = (await creer_tag(session, alice, TagInput(nom="Permanence", portee="personnel"))).id
        national = Tag(nom="Numérique solidaire")
        session.add(national)
        await session.flush()
        jeu.ids["T2"] = national.id
        for cle, qui, champs in (
            ("F1", "Alice", dict(prenom="Alix", nom="Martin", genre="feminin", annee_naissance=1990,
                                 statut_social="en_emploi", commune="Reims", commune_code_postal="51100",
                                 commune_code_insee="51454")),
            ("F2", "Alice", dict(prenom="Basile", nom="Durand", genre="masculin", annee_naissance=1950,
                                 statut_social="retraite", commune="Épernay", commune_code_postal="51200",
                                 commune_code_insee="51230")),
            ("F3", "Alice", dict(prenom="Cyrille", nom="Petit")),
            ("F4", "Alice", dict(prenom="Alix", nom="Martin-Doublon")),
            ("F5", "Alice", dict(prenom="Eden", nom="Roux", genre="feminin", annee_naissance=2010,
                                 statut_social="scolarise")),
            ("G1", "Bruno", dict(prenom="Gaspard", nom="Leroy", genre="masculin", statut_social="sans_emploi",
                                 commune="Reims", commune_code_postal="51100", commune_code_insee="51454")),
        ):
            cree = await creer_beneficiaire(session, jeu[qui], BeneficiaireInput(**champs), par=None)
            jeu.ids[cle] = cree.id
        activites: list[tuple[str, str, dict[str, Any]]] = [
            ("a1", "Alice", DOMICILE_REIMS | dict(type="individuel", date="2025-01-15", duree="45",
             thematiques=["email", "aide_aux_demarches_administratives", "logement"], materiel=["ordinateur"],
             beneficiaire={"id": jeu["F1"]}, tags=[jeu["T1"]])),
            ("a2", "Alice", dict(type="collectif", date="2025-02-10", duree="120", type_lieu="lieu_activite",
             structure_id=jeu["L1"], thematiques=["navigation_sur_internet"], materiel=["ordinateur", "tablette"],
             participants=[jeu["F1"], jeu["F2"], jeu["F3"]], tags=[jeu["T1"], jeu["T2"]],
             participants_anonymes={"total": 7, "deja_accompagne": 2, "genre_feminin": 3, "genre_masculin": 2,
                                    "tranche_age_dix_huit_vingt_quatre": 4, "statut_social_scolarise": 1})),
            ("a3", "Alice", dict(type="individuel", date="2025-03-20", duree="30", type_lieu="a_distance",
             thematiques=["sante"], materiel=["telephone"],
             beneficiaire={"genre": "masculin", "tranche_age": "soixante_soixante_neuf", "statut_social": "retraite",
                           "commune": "Charleville-Mézières", "commune_code_postal": "08000",
                           "commune_code_insee": "08105", "deja_accompagne": True})),
            ("a4", "Alice", dict(type="individuel", date="2025-03-25", duree="15", type_lieu="lieu_activite",
             structure_id=jeu["L2"], thematiques=["securite_numerique"], materiel=["aucun"],
             beneficiaire={"id": jeu["F4"]})),
            ("a5", "Alice", dict(type="individuel", date="2025-04-02", duree="60", type_lieu="autre",
             lieu_commune="Épernay", lieu_code_postal="51200", lieu_code_insee="51230",
             thematiques=["aide_aux_demarches_administratives", "social_sante"], beneficiaire={"id": jeu["F5"]})),
            ("a6", "Alice", DOMICILE_REIMS | dict(type="individuel", date="2024-12-20", duree="90",
             thematiques=["bureautique"], materiel=["ordinateur"], beneficiaire={"id": jeu["F2"]})),
            ("a7", "Alice", DOMICILE_REIMS | dict(type="individuel", date="2025-02-11", duree="30",
             thematiques=["email"], beneficiaire={"id": jeu["F3"]})),
            ("b1", "Bruno", dict(type="collectif", date="2025-02-10", duree="45", type_lieu="lieu_activite",
             structure_id=jeu["L3"], thematiques=["email"], materiel=["telephone"], participants=[jeu["G1"]],
             participants_anonymes={"total": 2}, tags=[jeu["T2"]])),
            ("b2", "Bruno", DOMICILE_REIMS | dict(type="individuel", date="2025-05-05", duree="30",
             thematiques=["aide_aux_demarches_administratives", "argent_impots"], materiel=["telephone"])),
            ("c1", "Chloe", DOMICILE_REIMS | dict(type="individuel", date="2025-02-28", duree="personnaliser",
             duree_personnalisee_minutes=20, thematiques=["email"], beneficiaire={"genre": "feminin"})),
            ("c2", "Chloe", DOMICILE_REIMS | dict(type="individuel", date="2025-03-05", duree="30",
             thematiques=["email"])),
        ]
        for cle, qui, donnees in activites:
            cree = await creer_activite(session, jeu[qui], cra({}, **donnees), par=None, aleatoire=random.Random(cle))
            jeu.ids[cle] = cree.id
        await fusionner_beneficiaires(session, jeu["Alice"], jeu["F4"], jeu["F1"], par=None)
        await supprimer_beneficiaire(session, jeu["Alice"], jeu["F5"], par=None)
        await supprimer_activite(session, jeu["Alice"], jeu["a7"], par=None)
        jeu.equipe = await portee_equipe(session, k)
    return jeu
