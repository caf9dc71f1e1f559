"""``hub plugins new``: the generated package, installed through its entry point, is listed by the
hub, mounts its route, shows its widget and runs its job; and its own generated tests pass."""

import asyncio
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from hub.cli import main
from hub.core.db.base import Base
from hub.core.hub import Hub
from hub.testing import login_as, make_hub, mock_partner, web_client
from hub.testing.distribution import on_sys_path, write_distribution

FLUX = {"elements": [{"id": "a1", "titre": "Atelier numérique"}, {"id": "b2", "titre": "Balade connectée"}]}
URL = "https://partenaire.exemple/exemple/flux.json"


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``hub plugins new exemple`` run in an empty folder, with its default destination."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["plugins", "new", "exemple"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Plugin « exemple » créé dans hub-plugin-exemple" in result.output
    return tmp_path / "hub-plugin-exemple"


def install(folder: Path) -> dict:
    """What ``pip install -e`` would do, without network: a dist-info declaring the package's
    own entry points (read from its pyproject.toml) next to it. Returns its ``[project]``."""
    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    write_distribution(
        folder, name=project["name"], version=project["version"], sources={}, entry_points=project["entry-points"]["hub"]
    )
    return project


def test_the_package_has_a_hub_entry_point_a_migration_branch_and_a_french_readme(generated: Path) -> None:
    project = install(generated)
    migration = (generated / "hub_exemple" / "migrations" / "exemple_0001_initial.py").read_text(encoding="utf-8")
    readme = (generated / "README.md").read_text(encoding="utf-8")

    assert project["entry-points"]["hub"] == {"exemple": "hub_exemple.plugin"}
    assert 'branch_labels: str | Sequence[str] | None = ("exemple",)' in migration
    assert all(title in readme for title in ("## Installer", "## Tester", "## Activer"))
    assert not list(generated.rglob("*__nom__*")) and "__paquet__" not in readme


def test_the_installed_plugin_is_listed_mounts_its_route_shows_its_widget_and_runs_its_job(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(generated)
    monkeypatch.setattr("hub.testing.database._TEMPLATES", tmp_path / "modeles")
    with on_sys_path(generated):
        listed = CliRunner().invoke(
            main,
            ["plugins", "list", "--json"],
            env={"HUB_DISABLE_PLUGIN_AUTOLOAD": "0", "HUB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'l.db'}"},
            catch_exceptions=False,
        )
        asyncio.run(run_a_hub_with_it(tmp_path / "hub"))

    row = next(row for row in json.loads(listed.output) if row["name"] == "exemple")
    assert (row["version"], row["enabled"]) == ("0.1.0", True)
    assert {"hub_register_api", "hub_register_widgets", "hub_register_jobs", "hub_register_connectors"} <= set(row["hooks"])
    assert "exemple_element" not in Base.metadata.tables  # forgotten with the package


async def run_a_hub_with_it(folder: Path) -> None:
    """A hub discovering its plugins through the entry points, as in production."""
    instance = {"id": "flux", "kind": "exemple.flux", "config": {"url": URL}}
    hub = await make_hub(folder, autoload=True, connectors=[instance])
    try:
        await use_the_plugin(hub)
    finally:
        await hub.shutdown()


async def use_the_plugin(hub: Hub) -> None:
    assert hub.registry.plugins["exemple"].version == "0.1.0"
    await hub.startup(scheduler=False)
    with mock_partner(hub) as partner:
        partner.get(URL).respond(json=FLUX)
        await hub.queue.enqueue("hub:scheduler_tick")
        await hub.queue.drain()

    async with web_client(hub) as client:
        await login_as(client, roles=("mediateur",))
        api = await client.get("/api/v1/exemple/elements")
        page = await client.get("/exemple")
        dashboard = await client.get("/")
        widget = await client.get("/widgets/exemple.resume", headers={"HX-Request": "true"})

    assert api.status_code == 200 and api.json()["total"] == 2
    assert page.status_code == 200 and "Balade connectée" in page.text
    assert 'hx-get="/widgets/exemple.resume"' in dashboard.text
    assert "Atelier numérique" in widget.text and "2 éléments au total" in widget.text

    await hub.queue.enqueue("exemple:purger", jours=30)
    [outcome] = await hub.queue.drain()
    assert (outcome.name, outcome.status, outcome.result) == ("exemple:purger", "success", {"supprimes": 0})


def test_the_generated_tests_pass_as_generated(generated: Path, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("HUB_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(generated), os.environ.get("PYTHONPATH")]))
    env["TMPDIR"] = str(tmp_path)  # the generated tests' migrated-database templates land here
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=generated,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "7 passed" in result.stdout


@pytest.mark.parametrize("name", ["Exemple", "x", "mon-plugin", "éte", "hub"])
def test_an_invalid_name_is_refused_in_french(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["plugins", "new", name])
    assert result.exit_code == 1
    assert "choisissez un autre nom" in result.output or "n'est pas un nom de plugin valide" in result.output
    assert not any(tmp_path.iterdir())


def test_a_non_empty_folder_or_the_hub_repository_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pris").mkdir()
    (tmp_path / "pris" / "notes.txt").write_text("à garder", encoding="utf-8")
    inside_repo = Path(__file__).resolve().parents[2] / "hub-plugin-exemple"

    taken = CliRunner().invoke(main, ["plugins", "new", "exemple", "--dossier", str(tmp_path / "pris")])
    in_repo = CliRunner().invoke(main, ["plugins", "new", "exemple", "--dossier", str(inside_repo)])

    assert taken.exit_code == 1 and "existe déjà et n'est pas vide" in taken.output
    assert in_repo.exit_code == 1 and "--dossier ../hub-plugin-exemple" in in_repo.output
    assert list((tmp_path / "pris").iterdir()) == [tmp_path / "pris" / "notes.txt"] and not inside_repo.exists()
