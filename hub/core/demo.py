"""The demonstration identities: a few clearly labelled test users (``is_fixture``), their
structures and a team, for the persona picker of the demo login.

- Camille Démo, médiatrice and conseillère numérique, employed by an association, working at
  the Médiathèque Jean Falala and at an espace numérique, both in Reims;
- Dominique Démo, médiateur at the médiathèque;
- Claude Démo, coordinatrice: Camille is in her team (for five weeks, « Actif »), Dominique left
  it three weeks ago (« Ancien membre »), and an invitation waits for a newcomer;
- Alex Démo, administrateur;
- a year of CRAs for Camille and Dominique (:mod:`hub.core.demo_activites`).

Addresses end in ``@demo.hub.invalid`` (a domain that cannot exist). Loading goes through the
same services as real users, in one transaction, and does nothing when the demo is already
there (Camille's address is the mark). Refused in production.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.base import utcnow
from hub.core.demo_activites import charger_activites_demo
from hub.core.errors import Forbidden
from hub.core.identity.inscription import AcceptationCgu, valider_inscription
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.identity.users import NouvelUtilisateur, creer_utilisateur
from hub.core.plugins.contributions import Role
from hub.core.structures.inputs import StructureInput
from hub.core.structures.models import Structure
from hub.core.structures.service import creer_structure
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne

if TYPE_CHECKING:
    from hub.core.hub import Hub

DOMAINE = "demo.hub.invalid"
CAMILLE = f"camille.demo@{DOMAINE}"
DOMINIQUE = f"dominique.demo@{DOMAINE}"
CLAUDE = f"claude.demo@{DOMAINE}"
ALEX = f"alex.demo@{DOMAINE}"
INVITEE = f"sacha.nouveau@{DOMAINE}"



def a_reims(**fields: Any) -> StructureInput:
    """A structure in Reims (51100, INSEE 51454)."""
    return StructureInput(commune="Reims", code_postal="51100", code_insee="51454", **fields)


ASSOCIATION = a_reims(
    nom="Association Reims Numérique (démo)",
    adresse="18 rue de Vesle",
    siret="51234567800012",
    typologies=["ASSO"],
    presentation_resume="Structure de démonstration : association employeuse de médiateurs numériques.",
)
MEDIATHEQUE = a_reims(
    nom="Médiathèque Jean Falala",
    adresse="12 boulevard de la Paix",
    latitude=49.2537,
    longitude=4.0368,
    typologies=["BIB", "EPN"],
    presentation_resume="Lieu de démonstration : accès libre, ateliers et aide aux démarches en ligne.",
    site_web=f"https://{DOMAINE}/mediatheque-jean-falala",
    telephone="+33326990001",
    courriels=[f"mediatheque@{DOMAINE}"],
    horaires="Tu-Sa 10:00-18:00",
    itinerance=["Fixe"],
    services=["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"],
    publics_specifiquement_adresses=["Seniors"],
    prise_en_charge_specifique=["Illettrisme"],
    frais_a_charge=["Gratuit"],
    dispositif_programmes_nationaux=["Conseillers numériques"],
    modalites_acces=["Se présenter", "Téléphoner"],
    modalites_accompagnement=["Accompagnement individuel", "Dans un atelier collectif"],
)
ESPACE_NUMERIQUE = a_reims(
    nom="Espace numérique Croix-Rouge (démo)",
    adresse="5 avenue Bonaparte",
    typologies=["CS"],
    presentation_resume="Lieu de démonstration : permanences numériques au centre social.",
    itinerance=["Fixe"],
    services=["Accès internet et matériel informatique", "Utilisation sécurisée du numérique"],
    frais_a_charge=["Gratuit"],
    modalites_acces=["Se présenter"],
    modalites_accompagnement=["En autonomie", "Accompagnement individuel"],
)


class CompteDemo(msgspec.Struct, frozen=True, kw_only=True):
    nom: str
    email: str
    description: str


class ResumeDemo(msgspec.Struct, frozen=True, kw_only=True):
    """The demo accounts, and whether this run created them (``False``: already there)."""

    comptes: list[CompteDemo]
    crees: bool


COMPTES = [
    CompteDemo(nom="Camille Démo", email=CAMILLE, description="médiatrice, conseillère numérique, 2 lieux d'activité"),
    CompteDemo(nom="Dominique Démo", email=DOMINIQUE, description="médiateur, ancien membre de l'équipe de Claude"),
    CompteDemo(nom="Claude Démo", email=CLAUDE, description="coordinatrice de l'équipe de démonstration"),
    CompteDemo(nom="Alex Démo", email=ALEX, description="administrateur"),
]


async def charger_identites_demo(hub: Hub) -> ResumeDemo:
    """Load the demo identities once (see the module). :class:`Forbidden` in production."""
    if hub.settings.env == "prod":
        raise Forbidden("la démonstration ne se charge pas en production (HUB_ENV=prod)")
    async with hub.session() as session, session.begin():
        if await session.scalar(sa.select(User.id).where(User.email == CAMILLE)) is not None:
            return ResumeDemo(comptes=COMPTES, crees=False)
        await _charger(session)
    return ResumeDemo(comptes=COMPTES, crees=True)


async def _charger(session: AsyncSession) -> None:
    association, mediatheque, espace = [
        await creer_structure(session, data, par=None) for data in (ASSOCIATION, MEDIATHEQUE, ESPACE_NUMERIQUE)
    ]
    camille = await _utilisateur(
        session, CAMILLE, "Camille", ["mediateur"], conum=True, employeur=association, lieux=[mediatheque, espace]
    )
    dominique = await _utilisateur(
        session, DOMINIQUE, "Dominique", ["mediateur"], employeur=association, lieux=[mediatheque]
    )
    claude = await _utilisateur(session, CLAUDE, "Claude", ["coordinateur"], employeur=association)
    admin = NouvelUtilisateur(email=ALEX, roles=["admin"], prenom="Alex", nom="Démo", is_fixture=True)
    alex = await creer_utilisateur(session, admin, par=None)
    alex.acceptation_cgu = alex.inscription_validee = utcnow()  # administrators have no sign-up steps
    await _equipe(session, claude, camille, dominique)
    mediateurs = dict((await session.execute(sa.select(Mediateur.user_id, Mediateur.id))).all())
    await charger_activites_demo(session, mediateurs[camille.id], camille.id, [mediatheque, espace], nombre=160)
    await charger_activites_demo(session, mediateurs[dominique.id], dominique.id, [mediatheque], nombre=70)


async def _utilisateur(
    session: AsyncSession,
    email: str,
    prenom: str,
    roles: list[Role],
    *,
    employeur: Structure,
    conum: bool = False,
    lieux: list[Structure] | None = None,
) -> User:
    data = NouvelUtilisateur(
        email=email,
        roles=roles,
        prenom=prenom,
        nom="Démo",
        is_conseiller_numerique=conum,
        employeur=employeur.id,
        lieux=[lieu.id for lieu in lieux or []],
        is_fixture=True,
    )
    user = await creer_utilisateur(session, data, par=None)
    return await valider_inscription(session, user.id, AcceptationCgu(cgu_acceptees=True))


async def _equipe(session: AsyncSession, claude: User, camille: User, dominique: User) -> None:
    """Claude's team, with dates in the past: written directly, without invitation mails."""
    now = utcnow()
    coordinateur_id = await session.scalar(sa.select(Coordinateur.id).where(Coordinateur.user_id == claude.id))
    ids = {
        user_id: mediateur_id
        for user_id, mediateur_id in await session.execute(sa.select(Mediateur.user_id, Mediateur.id))
    }
    session.add_all(
        [
            MediateurCoordonne(
                mediateur_id=ids[camille.id], coordinateur_id=coordinateur_id, creation=now - timedelta(weeks=5)
            ),
            MediateurCoordonne(
                mediateur_id=ids[dominique.id],
                coordinateur_id=coordinateur_id,
                creation=now - timedelta(weeks=30),
                suppression=now - timedelta(weeks=3),
            ),
            InvitationEquipe(email=INVITEE, coordinateur_id=coordinateur_id, creation=now - timedelta(days=2)),
        ]
    )
    await session.flush()
