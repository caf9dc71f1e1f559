"""Structures of a hub as mediators and operators leave them: lieux on the map or not, full or
bare, with or without someone working there. Written through the core's services, so every
value is one the hub accepts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from hub.core.hub import Hub
from hub.core.identity.models import Mediateur, User
from hub.core.structures.inputs import StructureInput
from hub.core.structures.lieux import ouvrir_activite
from hub.core.structures.service import creer_structure
from hub.testing import create_test_user

COMPLET = {
    "nom": "Médiathèque « Les Fuseliers », espace numérique",
    "adresse": "2 rue des Fuseliers",
    "complement_adresse": "Bâtiment B, 1er étage",
    "commune": "Reims",
    "code_postal": "51100",
    "code_insee": "51454",
    "latitude": 49.2583,
    "longitude": 4.0347,
    "siret": "215 104 546 00019",
    "typologies": ["BIB", "EPN"],
    "presentation_resume": "Accès libre, ateliers et aide aux démarches ; sur place, sans rendez-vous.",
    "presentation_detail": "Deux médiateurs, huit postes.\nAteliers le mardi, « café numérique » le jeudi.",
    "site_web": "https://mediatheque.exemple.fr/",
    "telephone": "03 26 00 00 00",
    "courriels": ["epn@exemple.fr", "accueil@exemple.fr"],
    "fiche_acces_libre": "https://acceslibre.beta.gouv.fr/app/51-reims/a/bibliotheque/erp/mediatheque/",
    "horaires": "Tu-Sa 10:00-18:00",
    "prise_rdv": "https://rdv.anct.gouv.fr/",
    "structure_parente": "Ville de Reims",
    "services": ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"],
    "publics_specifiquement_adresses": ["Seniors", "Familles et/ou enfants"],
    "prise_en_charge_specifique": ["Illettrisme", "Langues étrangères (anglais)"],
    "frais_a_charge": ["Gratuit", "Gratuit sous condition"],
    "dispositif_programmes_nationaux": ["France Services", "Aidants Connect"],
    "formations_labels": ["Formé à « Mon Espace Santé »", "Étapes numériques (La Poste)"],
    "autres_formations_labels": ["Label local, « Pass », 2024"],
    "itinerance": ["Fixe", "Itinérant"],
    "modalites_acces": ["Se présenter", "Ce lieu n'accueille pas de public"],
    "modalites_accompagnement": ["Accompagnement individuel", "À distance"],
}
NU = {"nom": "Tiers-lieu", "adresse": "Place du marché", "commune": "Ajaccio", "code_postal": "20000",
      "code_insee": "2A004"}


@dataclass(frozen=True)
class Carte:
    """``complet`` (every field, a conseiller numérique works there), ``associatif`` (an RNA),
    ``nu`` (bare, no SIRET nor RNA) are on the map; ``discret`` opted out; ``vide`` opted in
    but nobody works there."""

    complet: str
    associatif: str
    nu: str
    discret: str
    vide: str

    @property
    def publies(self) -> set[str]:
        return {self.complet, self.associatif, self.nu}


async def mediateur(hub: Hub, *, conseiller: bool = False) -> str:
    user = await create_test_user(hub, roles=("mediateur",))
    async with hub.session() as db, db.begin():
        if conseiller:
            await db.execute(sa.update(User).where(User.id == user.id).values(is_conseiller_numerique=True))
        return await db.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id))


async def structure(hub: Hub, champs: dict[str, Any], *, visible: bool, mediateur_id: str | None) -> str:
    async with hub.session() as db, db.begin():
        data = StructureInput(**champs, visible_pour_cartographie_nationale=visible)
        cree = await creer_structure(db, data, par=None)
        if mediateur_id is not None:
            await ouvrir_activite(db, mediateur_id, cree.id, par=None)
        return cree.id


async def peupler(hub: Hub) -> Carte:
    conseiller, autre = await mediateur(hub, conseiller=True), await mediateur(hub)
    return Carte(
        complet=await structure(hub, COMPLET, visible=True, mediateur_id=conseiller),
        associatif=await structure(
            hub, {**NU, "nom": "Association Clic", "rna": "W511234567", "commune": "Épernay", "code_postal": "51200",
                  "code_insee": "51230"},
            visible=True, mediateur_id=autre,
        ),
        nu=await structure(hub, NU, visible=True, mediateur_id=autre),
        discret=await structure(hub, {**NU, "nom": "Lieu discret"}, visible=False, mediateur_id=conseiller),
        vide=await structure(hub, {**NU, "nom": "Lieu sans médiateur"}, visible=True, mediateur_id=None),
    )
