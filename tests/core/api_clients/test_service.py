"""Managing API clients: create, rotate, revoke, list; secrets never kept nor logged."""

import logging

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from hub.app import create_app

from hub.core.api_clients.credentials import secret_digest
from hub.core.api_clients.models import ApiClient
from hub.core.api_clients.service import (
    create_api_client,
    list_api_clients,
    revoke_api_client,
    rotate_api_client,
)
from hub.core.audit.models import Mutation
from hub.core.errors import Conflict, NotFound, ValidationError
from hub.testing import make_hub
from tests.core.api_clients.partner import PartnerPlugin


@pytest.fixture
async def hub(tmp_path):
    hub = await make_hub(tmp_path)
    yield hub
    await hub.shutdown()


async def test_create_gives_the_token_once_and_keeps_only_an_hmac(hub):
    async with hub.session() as db:
        issued = await create_api_client(db, hub.settings, nom="Suite gestionnaire", scopes=["statistiques", "activites", "statistiques"])
        await db.commit()

    client_id, secret = issued.token.split(":")
    async with hub.session() as db:
        stored = await db.get(ApiClient, client_id)
        (mutation,) = await db.scalars(sa.select(Mutation))
    assert len(secret) == 43
    assert stored.secret_hash == secret_digest(hub.settings.secret_key.reveal(), secret) != secret
    assert stored.scopes == ["statistiques", "activites"]
    assert (mutation.nom, mutation.user_id) == ("creer_client_api", None)
    assert mutation.donnees["client_id"] == client_id and secret not in str(mutation.donnees)


async def test_bad_names_and_scopes_are_refused_in_french(hub):
    async with hub.session() as db:
        await create_api_client(db, hub.settings, nom="partenaire", scopes=["statistiques"])
        with pytest.raises(ValidationError) as unknown:
            await create_api_client(db, hub.settings, nom="autre", scopes=["tout"])
        with pytest.raises(ValidationError) as none:
            await create_api_client(db, hub.settings, nom="autre", scopes=[" "])
        with pytest.raises(Conflict, match="s'appelle déjà « partenaire »"):
            await create_api_client(db, hub.settings, nom="partenaire", scopes=["statistiques"])

    assert unknown.value.errors["scopes"].startswith("droit(s) inconnu(s) : tout")
    assert "donnez au moins un droit" in none.value.errors["scopes"]


async def test_rotate_and_revoke_by_name_or_id_and_list_without_secrets(hub):
    async with hub.session() as db:
        issued = await create_api_client(db, hub.settings, nom="partenaire", scopes=["structures"])
        rotated = await rotate_api_client(db, hub.settings, issued.client.id)
        revoked = await revoke_api_client(db, "partenaire")
        with pytest.raises(Conflict, match="déjà révoqué"):
            await revoke_api_client(db, "partenaire")
        with pytest.raises(Conflict, match="est révoqué : créez-en un nouveau"):
            await rotate_api_client(db, hub.settings, "partenaire")
        with pytest.raises(NotFound):
            await rotate_api_client(db, hub.settings, "inconnu")
        listed = await list_api_clients(db)
        names = list(await db.scalars(sa.select(Mutation.nom).order_by(Mutation.creation)))

    assert rotated.token != issued.token and revoked.revocation is not None
    assert [(c.nom, c.statut()) for c in listed] == [("partenaire", "révoqué")]
    assert not hasattr(listed[0], "secret_hash")
    assert names == ["creer_client_api", "renouveler_secret_client_api", "revoquer_client_api"]


async def test_the_secret_is_in_no_column_of_any_table_nor_in_the_logs(tmp_path, caplog):
    hub = await make_hub(tmp_path / "api", plugins=[("partenaire", PartnerPlugin())])
    with caplog.at_level(logging.DEBUG):
        async with hub.session() as db:
            first = await create_api_client(db, hub.settings, nom="partenaire", scopes=["statistiques"])
            second = await rotate_api_client(db, hub.settings, "partenaire")
            await db.commit()
        async with AsyncTestClient(create_app(hub)) as client:
            statuses = [
                (await client.get("/api/v1/partenaire/chiffres", headers={"Authorization": f"Bearer {token}"})).status_code
                for token in (first.token, second.token, second.token + "x", second.token.replace(":", ""))
            ]
        values = await every_value(hub)
    await hub.shutdown()

    secrets = [token.split(":")[1] for token in (first.token, second.token)]
    assert statuses == [401, 200, 401, 401]
    assert len(values) > 10  # the scan did read the tables
    assert not [value for value in values for secret in secrets if secret in value]
    assert not [secret for secret in secrets if secret in caplog.text]


async def every_value(hub) -> list[str]:
    """Every non-null value of every column of every table of the database, as text."""

    def tables(connection):
        return sa.inspect(connection).get_table_names()

    async with hub.engine.connect() as connection:
        names = await connection.run_sync(tables)
        metadata = sa.MetaData()
        await connection.run_sync(metadata.reflect, only=names)
        values = []
        for table in metadata.tables.values():
            for row in await connection.execute(sa.select(table)):
                values += [str(value) for value in row if value is not None]
    return values
