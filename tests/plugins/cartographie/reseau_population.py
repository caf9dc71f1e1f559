"""A network in the Marne (51) and the Ardennes (08) for « Mon réseau »: who is there, who must
not be, and national lieux synced for both départements. Written through the core's services
(people, employers, lieux), except the date of the last activity, which the activities' writes
keep and which the tests set to a chosen age."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.hub import Hub
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.structures.lieux import quitter_lieu_activite
from hub.core.structures.models import Structure
from hub.core.sync.engine import run_stream
from hub.core.sync.states import setup_instance
from tests.connectors.data_inclusion.fixtures import envelopes, structure as structure_nationale
from tests.core.organisation.support import mediateur_id, structure, utilisateur

from .soutien import INSTANCE, hub_carto, routeur

FALALA_NATIONAL = structure_nationale(
    1, nom="Médiathèque Jean Falala", commune="Reims", code_postal="51100", code_insee="51454"
)
NATIONAUX_51 = [
    FALALA_NATIONAL,
    structure_nationale(2, nom="École de la deuxième chance", commune="Châlons-en-Champagne", code_postal="51000",
                        code_insee="51108"),
    structure_nationale(3, nom="Espace public numérique", commune="Reims", source="dora", code_postal="51100",
                        code_insee="51454"),
]
NATIONAUX_08 = [structure_nationale(4, nom="Maison France services de Sedan", departement="08", commune="Sedan")]


@dataclass(frozen=True)
class Reseau:
    """User ids. In the Marne: ``alice`` (conseillère numérique, active, lieu in Reims),
    ``bruno`` (mediator, last activity 3 months ago, lieu in Épernay known by its postcode only),
    ``chloe`` (coordinator only, employed in Reims), ``fanny`` (mediator employed in Reims, lieu in
    the Ardennes). Absent from the Marne: ``denis`` (Ardennes only), ``emile`` (profile not
    visible), ``gaston`` (left his lieu in Reims), ``hugo`` (account deleted). Structure ids:
    ``falala`` (Reims, linked to :data:`FALALA_NATIONAL`), ``epernay``, ``charleville``."""

    alice: str
    bruno: str
    chloe: str
    fanny: str
    denis: str
    emile: str
    gaston: str
    hugo: str
    falala: str
    epernay: str
    charleville: str


async def hub_du_reseau(hub_with) -> Hub:
    """A started hub running the cartographie plugin, the Marne and the Ardennes synced."""
    router = routeur()
    for code, lieux in (("51", NATIONAUX_51), ("08", NATIONAUX_08)):
        router.get("/api/v1/structures", params={"code_departement": code}).respond(json=envelopes(lieux, 100)[1])
    hub = await hub_carto(hub_with, router, departements=["51", "08"], autres_sources=["dora"])
    await setup_instance(hub, INSTANCE)
    assert (await run_stream(hub, INSTANCE, "lieux")).status == "success"
    return hub


async def _visible(hub: Hub, user: User, *, jours: int | None, visible: bool = True) -> None:
    """The mediator's profile visibility, and their last activity ``jours`` days ago (never: ``None``)."""
    derniere = utcnow() - timedelta(days=jours) if jours is not None else None
    async with hub.session() as db, db.begin():
        await db.execute(
            sa.update(Mediateur).where(Mediateur.user_id == user.id)
            .values(is_visible=visible, derniere_creation_activite=derniere)
        )


async def peupler_reseau(hub: Hub) -> Reseau:
    falala = await structure(hub, nom="Médiathèque Jean Falala", code_insee="51454", telephone="03 26 00 00 00")
    epernay = await structure(hub, nom="Espace numérique d'Épernay", commune="Épernay", code_postal="51200",
                              adresse="1 place Hugues Plomb")
    charleville = await structure(hub, nom="Tiers-lieu de Charleville", commune="Charleville-Mézières",
                                  code_postal="08000", code_insee="08105", adresse="3 place Ducale")
    reims_employeur = await structure(hub, nom="Association Reims Numérique", code_insee="51454",
                                      adresse="18 rue de Vesle")
    async with hub.session() as db, db.begin():
        lien = {"structure_cartographie_nationale_id": FALALA_NATIONAL["id"]}
        await db.execute(sa.update(Structure).where(Structure.id == falala).values(**lien))

    alice = await utilisateur(hub, "alice@exemple.fr", "mediateur", prenom="Alice", nom="Éloïse",
                              telephone="0326000001", is_conseiller_numerique=True, lieux=[falala])
    await _visible(hub, alice, jours=10)
    bruno = await utilisateur(hub, "bruno@exemple.fr", "mediateur", prenom="Bruno", nom="Lefèvre", lieux=[epernay])
    await _visible(hub, bruno, jours=90)
    chloe = await utilisateur(hub, "chloe@exemple.fr", "coordinateur", prenom="Chloé", nom="Martin",
                              employeur=reims_employeur)
    fanny = await utilisateur(hub, "fanny@exemple.fr", "mediateur", prenom="Fanny", nom="Noël",
                              employeur=reims_employeur, lieux=[charleville])
    await _visible(hub, fanny, jours=59)
    denis = await utilisateur(hub, "denis@exemple.fr", "mediateur", prenom="Denis", nom="Ardennais",
                              lieux=[charleville])
    await _visible(hub, denis, jours=1)
    emile = await utilisateur(hub, "emile@exemple.fr", "mediateur", prenom="Émile", nom="Discret", lieux=[falala])
    await _visible(hub, emile, jours=1, visible=False)
    gaston = await utilisateur(hub, "gaston@exemple.fr", "mediateur", prenom="Gaston", nom="Parti", lieux=[falala])
    await _visible(hub, gaston, jours=1)
    hugo = await utilisateur(hub, "hugo@exemple.fr", "mediateur", "coordinateur", prenom="Hugo", nom="Supprimé",
                             lieux=[falala])
    await _visible(hub, hugo, jours=1)
    async with hub.session() as db, db.begin():
        await quitter_lieu_activite(db, await mediateur_id(hub, gaston), falala, par=None)
        await db.execute(sa.update(User).where(User.id == hugo.id).values(suppression=utcnow()))
        await db.execute(
            sa.update(Coordinateur).where(Coordinateur.user_id == chloe.id)
            .values(derniere_creation_activite=utcnow() - timedelta(days=70))
        )
    return Reseau(
        alice=alice.id, bruno=bruno.id, chloe=chloe.id, fanny=fanny.id, denis=denis.id, emile=emile.id,
        gaston=gaston.id, hugo=hugo.id, falala=falala, epernay=epernay, charleville=charleville,
    )
