"""Users: created with their roles, employer and lieux; roles changed, never losing history."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.identity.roles import ADMIN_ET_MEDIATION, roles_utilisateur
from hub.core.identity.users import ChangementRoles, NouvelUtilisateur, changer_roles, creer_utilisateur
from hub.core.plugins.contributions import Role
from hub.core.structures.emplois import contrat_en_cours
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import EmployeStructure, MediateurEnActivite
from tests.core.organisation.support import count, mutations, structure, utilisateur


async def test_a_mediator_is_created_with_employer_and_lieux(hub: Hub) -> None:
    employeur = await structure(hub, nom="Association Reims Numérique")
    lieu = await structure(hub)
    data = NouvelUtilisateur(
        email="Camille@Exemple.fr",
        roles=["mediateur"],
        prenom="Camille",
        is_conseiller_numerique=True,
        employeur=employeur,
        lieux=[lieu, lieu],
    )
    async with hub.session() as session, session.begin():
        user = await creer_utilisateur(session, data, par=None)

    async with hub.session() as session:
        roles = await roles_utilisateur(session, user)
        contrat = await contrat_en_cours(session, user.id)
        lieux = await lieux_activite(session, roles.mediateur_id or "")
    assert (user.email, user.is_conseiller_numerique, user.profil_inscription) == (
        "camille@exemple.fr",
        True,
        "conseiller-numerique",
    )
    assert roles.roles == {"mediateur"} and roles.coordinateur_id is None
    assert contrat is not None and contrat.structure_id == employeur and contrat.debut is not None
    assert [lieu_.structure.id for lieu_ in lieux] == [lieu] and lieux[0].activite.debut is not None
    assert user.structure_employeuse_renseignee and user.lieux_activite_renseignes and user.inscription_validee is None
    nom, donnees = (await mutations(hub))[-1]
    assert nom == "creer_utilisateur" and donnees["user_id"] == user.id and donnees["roles"] == ["mediateur"]


@pytest.mark.parametrize(
    ("roles", "platform", "sides"),
    [
        (["mediateur", "coordinateur"], "user", {Mediateur, Coordinateur}),
        (["coordinateur"], "user", {Coordinateur}),
        (["admin"], "admin", set()),
        (["support"], "support", set()),
    ],
)
async def test_roles_become_sides_or_the_platform_role(
    hub: Hub, roles: list[Role], platform: str, sides: set[type]
) -> None:
    user = await utilisateur(hub, "personne@exemple.fr", *roles)
    assert user.role == platform
    assert {model for model in (Mediateur, Coordinateur) if await count(hub, model)} == sides


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"roles": ["admin", "support"]}, {"roles": "Un compte est administrateur ou support, pas les deux."}),
        (
            {"roles": ["admin", "mediateur"]},
            {"roles": ADMIN_ET_MEDIATION},
        ),
        ({"email": "DEJA@exemple.fr"}, {"email": "Un compte existe déjà avec cette adresse e-mail."}),
        ({"employeur": "inconnue"}, {"employeur": "Structure introuvable."}),
        ({"lieux": ["LIEU", "inconnue"]}, {"lieux.1": "Structure introuvable."}),
        (
            {"roles": ["coordinateur"], "lieux": ["LIEU"]},
            {"lieux": "Seul un médiateur a des lieux d'activité : ajoutez le rôle mediateur."},
        ),
    ],
)
async def test_a_refused_user_leaves_nothing_written(hub: Hub, fields: dict, errors: dict[str, str]) -> None:
    await utilisateur(hub, "deja@exemple.fr", "mediateur")
    lieu = await structure(hub)
    fields = {
        name: [lieu if v == "LIEU" else v for v in value] if name == "lieux" else value
        for name, value in fields.items()
    }
    before = [await count(hub, model) for model in (User, Mediateur, EmployeStructure, MediateurEnActivite)]

    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError) as refused:
            await creer_utilisateur(
                session,
                NouvelUtilisateur(**({"email": "nouveau@exemple.fr", "roles": ["mediateur"]} | fields)),
                par=None,
            )

    assert refused.value.errors == errors
    assert [await count(hub, model) for model in (User, Mediateur, EmployeStructure, MediateurEnActivite)] == before


async def test_roles_are_changed_and_audited(hub: Hub) -> None:
    admin = await utilisateur(hub, "admin@exemple.fr", "admin")
    user = await utilisateur(hub, "claude@exemple.fr", "mediateur")
    async with hub.session() as session, session.begin():
        roles = await changer_roles(
            session, user.id, ChangementRoles(roles=["mediateur", "coordinateur"]), par=admin.id
        )
    assert roles.roles == {"mediateur", "coordinateur"} and roles.coordinateur_id

    async with hub.session() as session, session.begin():
        roles = await changer_roles(session, user.id, ChangementRoles(roles=["coordinateur"]), par=admin.id)
    assert roles.roles == {"coordinateur"} and roles.mediateur_id is None
    nom, donnees = (await mutations(hub))[-1]
    assert (nom, donnees["avant"], donnees["apres"]) == (
        "changer_roles",
        ["coordinateur", "mediateur"],
        ["coordinateur"],
    )


async def test_a_role_with_history_cannot_be_taken_away(hub: Hub) -> None:
    lieu = await structure(hub)
    user = await utilisateur(hub, "camille@exemple.fr", "mediateur", lieux=[lieu])
    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError) as refused:
            await changer_roles(session, user.id, ChangementRoles(roles=["coordinateur"]), par=None)
        with pytest.raises(NotFound):
            await changer_roles(session, "inconnu", ChangementRoles(roles=["admin"]), par=None)
    assert "historique de médiateur" in refused.value.errors["roles"]
    async with hub.session() as session:
        stored = await session.scalar(sa.select(User).where(User.id == user.id))
        assert (await roles_utilisateur(session, stored)).roles == {"mediateur"}  # type: ignore[arg-type]
    assert await count(hub, Coordinateur) == 0
