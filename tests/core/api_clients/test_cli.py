"""``hub api-clients`` on a migrated SQLite database, as an operator runs it."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hub.cli import main

TOKEN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[A-Za-z0-9_-]{43}$")


@pytest.fixture
def hub_cli(tmp_path: Path):
    env = {"HUB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'hub.sqlite3'}", "HUB_DISABLE_PLUGIN_AUTOLOAD": "1"}

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    assert invoke("db", "upgrade").exit_code == 0
    return invoke


def last_line(result: Result) -> str:
    return result.output.rstrip("\n").splitlines()[-1]


def test_create_prints_the_token_alone_on_the_last_line(hub_cli):
    result = hub_cli("api-clients", "create", "Suite gestionnaire", "--scopes", "statistiques,activites", "--valid-until", "2099-01-31")

    assert result.exit_code == 0, result.output
    assert TOKEN.match(last_line(result))
    assert "« Suite gestionnaire » créé (statistiques, activites), valide jusqu'au 31/01/2099 inclus." in result.output
    assert "affiché une seule fois" in result.output


def test_rotate_prints_a_new_token_and_list_never_shows_secrets(hub_cli):
    created = last_line(hub_cli("api-clients", "create", "partenaire", "--scopes", "structures"))
    client_id, secret = created.split(":")

    rotated = hub_cli("api-clients", "rotate", client_id)
    listed = hub_cli("api-clients", "list", "--json")
    table = hub_cli("api-clients", "list")

    new_token = last_line(rotated)
    assert rotated.exit_code == 0 and TOKEN.match(new_token)
    assert new_token.startswith(f"{client_id}:") and new_token != created
    (row,) = json.loads(listed.output)
    assert (row["id"], row["nom"], row["scopes"], row["statut"]) == (client_id, "partenaire", ["structures"], "actif")
    assert "secret_hash" not in row
    for output in (listed.output, table.output):
        assert secret not in output and new_token.split(":")[1] not in output


def test_revoke_then_list_shows_it_revoked(hub_cli):
    hub_cli("api-clients", "create", "partenaire", "--scopes", "statistiques")

    revoked = hub_cli("api-clients", "revoke", "partenaire")
    again = hub_cli("api-clients", "revoke", "partenaire")

    assert revoked.exit_code == 0 and "révoqué" in revoked.output
    assert again.exit_code == 1 and "déjà révoqué" in again.output
    assert json.loads(hub_cli("api-clients", "list", "--json").output)[0]["statut"] == "révoqué"


def test_refusals_are_french_and_exit_one(hub_cli):
    unknown_scope = hub_cli("api-clients", "create", "partenaire", "--scopes", "tout")
    unknown_client = hub_cli("api-clients", "rotate", "inconnu")
    bad_date = hub_cli("api-clients", "create", "partenaire", "--scopes", "statistiques", "--valid-until", "31/01/2099")

    assert unknown_scope.exit_code == 1
    assert "--scopes : droit(s) inconnu(s) : tout" in unknown_scope.output
    assert unknown_client.exit_code == 1 and "aucun client d'API ne s'appelle ou n'a pour identifiant « inconnu »" in unknown_client.output
    assert bad_date.exit_code == 2
    assert "Aucun client d'API" in hub_cli("api-clients", "list").output
