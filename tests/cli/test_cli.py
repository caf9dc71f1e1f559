"""The ``hub`` command as an operator uses it (on an embedded SQLite database)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hub.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"rdv", "cartographie", "ressources", "stats", "formations"}


@pytest.fixture
def hub_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)
    env = {
        "HUB_DISABLE_PLUGIN_AUTOLOAD": "0",
        "HUB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'hub.sqlite3'}",
        "HUB_CONFIG": str(ROOT / "deploy" / "hub.demo.toml"),
    }

    def invoke(*args: str, **extra_env: str) -> Result:
        return CliRunner().invoke(main, list(args), env=env | extra_env, catch_exceptions=False)

    return invoke


def test_plugins_list_json_gives_the_five_plugins_with_versions_and_hooks(hub_cli) -> None:
    result = hub_cli("plugins", "list", "--json")
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert set(rows) == FIRST_PARTY
    assert all(row["version"] == "0.1.0" and row["enabled"] for row in rows.values())
    assert "hub_register_widgets" in rows["formations"]["hooks"]
    assert "hub_add_hookspecs" in rows["stats"]["hooks"]


def test_plugins_list_shows_a_blocked_plugin_as_blocked(hub_cli) -> None:
    result = hub_cli("plugins", "list", "--json", HUB_PLUGINS_DISABLED="rdv")
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["rdv"]["enabled"] is False and rows["rdv"]["hooks"] == []


def test_startup_error_is_a_french_message_and_exit_code_one(hub_cli) -> None:
    result = hub_cli("plugins", "check", HUB_BRANDING="violet")
    assert result.exit_code == 1
    assert "valeur non autorisée 'violet'" in result.output


def test_demo_loads_the_catalogue_once_and_connectors_report_it(hub_cli) -> None:
    assert hub_cli("db", "upgrade").exit_code == 0
    first = hub_cli("demo")
    second = hub_cli("demo")
    runs = json.loads(hub_cli("connectors", "runs", "--json").output)
    instances = json.loads(hub_cli("connectors", "list", "--json").output)

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    formations = [run for run in runs if run["instance_id"] == "formations-demo"]
    assert [(run["inserted"], run["unchanged"]) for run in formations] == [(0, 8), (8, 0)]
    assert "Comptes de démonstration (créés)" in first.output and "Comptes de démonstration (déjà présents)" in second.output
    assert "Camille Démo <camille.demo@demo.hub.invalid>" in second.output
    assert {instance["id"]: instance["state"] for instance in instances} == {
        "formations-demo": "loaded",
        "les-bases-demo": "loaded",
    }


def test_sync_of_an_unknown_instance_names_the_known_ones(hub_cli) -> None:
    hub_cli("db", "upgrade")
    result = hub_cli("connectors", "sync", "inconnue")
    assert result.exit_code == 1
    assert "instance « inconnue » inconnue (instances : formations-demo, les-bases-demo)" in result.output


def test_demo_refuses_without_a_declared_instance(hub_cli, tmp_path: Path) -> None:
    empty = tmp_path / "vide.toml"
    empty.write_text("[hub]\n", encoding="utf-8")
    hub_cli("db", "upgrade", HUB_CONFIG=str(empty))
    result = hub_cli("demo", HUB_CONFIG=str(empty))
    assert result.exit_code == 1 and "HUB_CONFIG=deploy/hub.demo.toml" in result.output
