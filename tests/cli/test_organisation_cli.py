"""``hub structures create`` and ``hub users create`` as operators script them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from sqlalchemy.ext.asyncio import AsyncSession

from hub.cli import main
from hub.core.db.engine import create_engine
from hub.core.identity.models import Mediateur, User
from hub.core.identity.roles import roles_utilisateur
from hub.core.structures.emplois import contrat_en_cours
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import Structure
from hub.testing import make_hub

T = TypeVar("T")
Invoke = Callable[..., Result]
REIMS = [
    "--nom",
    "Médiathèque Jean Falala",
    "--adresse",
    "12 boulevard de la Paix",
    "--commune",
    "Reims",
    "--code-postal",
    "51100",
    "--code-insee",
    "51454",
]


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    """A migrated database (SQLite, or the PostgreSQL of the test run), as the CLI's environment."""

    async def prepare() -> dict[str, str]:
        hub = await make_hub(tmp_path)
        await hub.shutdown()
        return {"HUB_DATABASE_URL": hub.settings.database_url.reveal(), "HUB_DATA_DIR": hub.settings.data_dir}

    return asyncio.run(prepare())


@pytest.fixture
def hub_cli(database: dict[str, str]) -> Invoke:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=database | {"HUB_CONFIG": ""}, catch_exceptions=False)

    return invoke


def read(database: dict[str, str], query: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """``query`` run on the database, in a loop of its own (the CLI runs its own too)."""

    async def run() -> T:
        engine = create_engine(database["HUB_DATABASE_URL"])
        try:
            async with AsyncSession(engine) as session:
                return await query(session)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def count(database: dict[str, str], model: type) -> int:
    async def query(session: AsyncSession) -> int:
        return await session.scalar(sa.select(sa.func.count()).select_from(model)) or 0

    return read(database, query)


def last_line(result: Result) -> str:
    return result.output.strip().splitlines()[-1]


def test_structures_create_prints_the_new_id_alone_on_its_last_line(database: dict[str, str], hub_cli: Invoke) -> None:
    result = hub_cli("structures", "create", *REIMS, "--siret", "215 104 546 00019")

    assert result.exit_code == 0, result.output
    structure = read(database, lambda session: session.get(Structure, last_line(result)))
    assert structure is not None and (structure.nom, structure.code_insee, structure.siret) == (
        "Médiathèque Jean Falala",
        "51454",
        "21510454600019",
    )


def test_structures_create_names_each_refused_option_and_writes_nothing(
    database: dict[str, str], hub_cli: Invoke
) -> None:
    result = hub_cli("structures", "create", "--nom", "Médiathèque", "--code-postal", "5110", "--siret", "123")

    assert result.exit_code == 1
    assert "--adresse : Ce champ est obligatoire." in result.output
    assert "--code-postal : Le code postal compte 5 chiffres (exemple : 51100)." in result.output
    assert "--siret : Le SIRET compte 14 chiffres" in result.output
    assert "--code-insee : Ce champ est obligatoire." in result.output
    assert count(database, Structure) == 0


def test_users_create_with_employer_and_lieux_prints_the_id_last(database: dict[str, str], hub_cli: Invoke) -> None:
    employeur = last_line(hub_cli("structures", "create", *REIMS))
    lieu = last_line(hub_cli("structures", "create", *REIMS[:1], "Bus numérique", *REIMS[2:]))
    result = hub_cli(
        "users",
        "create",
        "--email",
        "Camille@Exemple.fr",
        "--role",
        "mediateur",
        "--role",
        "coordinateur",
        "--prenom",
        "Camille",
        "--conseiller-numerique",
        "--employeur",
        employeur,
        "--lieu",
        lieu,
        "--lieu",
        employeur,
    )
    assert result.exit_code == 0, result.output

    async def created(session: AsyncSession) -> tuple[User | None, frozenset[str], str | None, list[str]]:
        user = await session.get(User, last_line(result))
        assert user is not None
        roles = await roles_utilisateur(session, user)
        contrat = await contrat_en_cours(session, user.id)
        lieux = await lieux_activite(session, roles.mediateur_id or "")
        return user, roles.roles, contrat.structure_id if contrat else None, sorted(lieu.structure.id for lieu in lieux)

    user, roles, employeur_id, lieux = read(database, created)
    assert user is not None and (user.email, user.prenom, user.is_conseiller_numerique) == (
        "camille@exemple.fr",
        "Camille",
        True,
    )
    assert roles == {"mediateur", "coordinateur"} and employeur_id == employeur
    assert lieux == sorted([lieu, employeur])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "mediateur"], "--email : Ce champ est obligatoire."),
        (["--email", "a@exemple.fr"], "--role : Choisissez un ou plusieurs rôles parmi"),
        (["--email", "a@exemple.fr", "--role", "chef"], "--role : Choisissez un ou plusieurs rôles parmi"),
        (
            ["--email", "a@exemple.fr", "--role", "admin", "--role", "mediateur"],
            "--role : Un compte administrateur ou support",
        ),
        (
            ["--email", "a@exemple.fr", "--role", "mediateur", "--employeur", "inconnue"],
            "--employeur : Structure introuvable.",
        ),
        (
            ["--email", "a@exemple.fr", "--role", "mediateur", "--lieu", "LIEU", "--lieu", "x"],
            "--lieu n° 2 : Structure introuvable.",
        ),
        (
            ["--email", "a@exemple.fr", "--role", "coordinateur", "--lieu", "LIEU"],
            "--lieu : Seul un médiateur a des lieux d'activité",
        ),
        (
            ["--email", "DEJA@exemple.fr", "--role", "admin"],
            "--email : Un compte existe déjà avec cette adresse e-mail.",
        ),
    ],
)
def test_users_create_refusals_name_the_option_and_write_nothing(
    database: dict[str, str], hub_cli: Invoke, args: list[str], message: str
) -> None:
    lieu = last_line(hub_cli("structures", "create", *REIMS))
    assert hub_cli("users", "create", "--email", "deja@exemple.fr", "--role", "mediateur").exit_code == 0
    result = hub_cli("users", "create", *[lieu if arg == "LIEU" else arg for arg in args])

    assert result.exit_code == 1
    assert message in result.output
    assert (count(database, User), count(database, Mediateur)) == (1, 1)
