"""``hub connectors list|show|pause|resume|sync|runs|dead-letters|replay`` on a deployment with one
training catalogue read from a local feed file (SQLite database in the test's folder)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from click.testing import CliRunner, Result

from hub.cli import main
from plugins.formations.connector import CatalogueFormations, FormationRecord

ROOT = Path(__file__).resolve().parents[2]
VALID = {
    "id": "f-1", "titre": "Accompagner les démarches en ligne", "organisme": "Organisme fictif",
    "date_debut": "2027-01-14", "modalite": "distanciel", "mis_a_jour_le": "2026-11-29T09:00:00Z",
}
REFUSED = VALID | {"id": "f-2", "titre": "Atelier mobile", "modalite": "à distance", "secret": "ne-pas-montrer"}


def deployment(folder: Path, *records: dict[str, Any]):
    """``invoke(*args)``: the ``hub`` command on a migrated deployment whose instance ``catalogue``
    reads ``records`` from a feed file."""
    feed = folder / "catalogue.json"
    feed.write_text(json.dumps({"formations": list(records)}), encoding="utf-8")
    config = folder / "hub.toml"
    config.write_text(
        '[hub]\nenv = "dev"\n\n[[connectors]]\nid = "catalogue"\nkind = "formations.catalogue"\n'
        f'title = "Catalogue de test"\nevery_minutes = 1440\nconfig = {{ source = "{feed}" }}\n',
        encoding="utf-8",
    )
    env = {
        "HUB_DISABLE_PLUGIN_AUTOLOAD": "0",
        "HUB_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'hub.sqlite3'}",
        "HUB_CONFIG": str(config),
    }

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    assert invoke("db", "upgrade").exit_code == 0
    return invoke


@pytest.fixture
def hub_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)
    return deployment(tmp_path, VALID, REFUSED)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def accept_a_distance(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the formations plugin were upgraded to read the modality « à distance » as « distanciel »."""
    (stream,) = CatalogueFormations.streams

    def upgraded(raw: dict[str, Any]) -> dict[str, Any]:
        modalite = "distanciel" if raw.get("modalite") == "à distance" else raw.get("modalite")
        row = msgspec.structs.asdict(msgspec.convert(raw | {"modalite": modalite}, FormationRecord))
        row["source_id"] = row.pop("id")
        return row

    monkeypatch.setattr(
        CatalogueFormations, "streams", (msgspec.structs.replace(stream, record_type=dict[str, Any], to_row=upgraded),)
    )


def test_list_show_and_dead_letters_say_what_to_do(hub_cli) -> None:
    synced = hub_cli("connectors", "sync", "catalogue")
    instances = as_json(hub_cli("connectors", "list", "--json"))
    shown = hub_cli("connectors", "show", "catalogue")
    listed = hub_cli("connectors", "list")
    letters = as_json(hub_cli("connectors", "dead-letters", "catalogue", "--json"))
    with_payload = hub_cli("connectors", "dead-letters", "--payload")

    assert synced.exit_code == 0 and "voyez `hub connectors dead-letters catalogue`" in synced.output
    (instance,) = instances
    assert (instance["id"], instance["state"], instance["rejected_records"]) == ("catalogue", "loaded", 1)
    assert instance["action"] == "Rien : elle est synchronisée selon son intervalle." and instance["last_error"] is None
    assert "Que faire : Rien : elle est synchronisée selon son intervalle." in shown.output
    assert "Flux formations (full_refresh)" in shown.output and "Réparations : aucune." in listed.output
    (letter,) = letters
    assert letter["record_key"] == "f-2" and letter["payload"]["secret"] == "********"
    assert '"secret": "********"' in with_payload.output and "ne-pas-montrer" not in with_payload.output
    assert "hub connectors replay <n°>" in with_payload.output


def test_pause_and_resume_and_their_refusals(hub_cli) -> None:
    hub_cli("connectors", "sync", "catalogue")

    paused = hub_cli("connectors", "pause", "catalogue")
    again = hub_cli("connectors", "pause", "catalogue")
    state_paused = as_json(hub_cli("connectors", "list", "--json"))[0]["state"]
    sync_paused = hub_cli("connectors", "sync", "catalogue")
    resumed = hub_cli("connectors", "resume", "catalogue")
    resumed_again = hub_cli("connectors", "resume", "catalogue")
    unknown = hub_cli("connectors", "pause", "inconnue")

    assert paused.exit_code == 0 and "`hub connectors resume catalogue`" in paused.output
    assert again.exit_code == 1 and "déjà en pause" in again.output
    assert state_paused == "paused"
    assert sync_paused.exit_code == 1 and "Que faire : La reprendre" in sync_paused.output
    assert resumed.exit_code == 0 and "reprend" in resumed.output
    assert resumed_again.exit_code == 1 and "n'est pas en pause" in resumed_again.output
    assert unknown.exit_code == 1 and "instance « inconnue » inconnue (instances : catalogue)" in unknown.output


def test_sync_names_an_unknown_stream(hub_cli) -> None:
    result = hub_cli("connectors", "sync", "catalogue", "--stream", "rivieres")

    assert result.exit_code == 1
    assert "--stream : flux inconnu(s) pour « catalogue » : rivieres (flux : formations)" in result.output


def test_replay_refuses_a_record_with_masked_values(hub_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    hub_cli("connectors", "sync", "catalogue")
    (letter,) = as_json(hub_cli("connectors", "dead-letters", "--json"))
    accept_a_distance(monkeypatch)

    masked = hub_cli("connectors", "replay", str(letter["id"]))

    assert masked.exit_code == 1 and "valeurs masquées (secrets) : il ne peut pas être rejoué" in masked.output


def test_replay_keeps_a_refused_record_then_writes_it_once_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    hub_cli = deployment(tmp_path, VALID, {key: value for key, value in REFUSED.items() if key != "secret"})
    hub_cli("connectors", "sync", "catalogue")
    (letter,) = as_json(hub_cli("connectors", "dead-letters", "--json"))

    still = hub_cli("connectors", "replay", str(letter["id"]))
    accept_a_distance(monkeypatch)
    replayed = hub_cli("connectors", "replay", str(letter["id"]))
    runs = as_json(hub_cli("connectors", "runs", "--json"))
    after = as_json(hub_cli("connectors", "dead-letters", "--json"))

    assert still.exit_code == 1 and "est toujours écarté : enregistrement" in still.output
    assert replayed.exit_code == 0 and "rejoué" in replayed.output and "1 ajouté" in replayed.output
    assert [(run["trigger"], run["status"]) for run in runs[:2]] == [("replay", "success"), ("replay", "partial")]
    assert after[0]["replayed_at"] is not None
