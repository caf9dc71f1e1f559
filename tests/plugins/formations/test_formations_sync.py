"""The formations catalogue synced by the core engine: contract, idempotence, vanished trainings, bad rows."""

import json
from pathlib import Path

import sqlalchemy as sa

from hub.core.sync.engine import run_stream
from hub.core.sync.queries import list_dead_letters
from hub.core.sync.states import setup_instance
from hub.testing import check_connector_contract
from plugins.formations.connector import CatalogueFormations
from plugins.formations.models import Formation

ROOT = Path(__file__).resolve().parents[3]
DEMO_FEED = ROOT / "plugins" / "formations" / "demo" / "catalogue-demo.json"


def feed_file(tmp_path: Path, formations: list[dict]) -> Path:
    path = tmp_path / "flux.json"
    path.write_text(json.dumps({"formations": formations}), encoding="utf-8")
    return path


def demo_formations() -> list[dict]:
    return json.loads(DEMO_FEED.read_text(encoding="utf-8"))["formations"]


async def test_the_connector_passes_the_contract_suite_on_the_demo_feed() -> None:
    records = await check_connector_contract(CatalogueFormations, {"source": str(DEMO_FEED)})
    assert len(records["formations"]) == 8


async def synced_hub(hub_with, path: Path):
    instance = {"id": "catalogue", "kind": "formations.catalogue", "config": {"source": str(path)}}
    hub = await hub_with("formations", connectors=[instance])
    await hub.startup(scheduler=False)
    assert await setup_instance(hub, "catalogue") == "loaded"
    return hub


async def titles(hub) -> dict[str, bool]:
    async with hub.session() as session:
        rows = (await session.execute(sa.select(Formation.source_id, Formation.supprime_le))).all()
    return {source_id: deleted is None for source_id, deleted in rows}


async def test_resync_changes_nothing_and_a_vanished_training_is_soft_deleted(hub_with, tmp_path: Path) -> None:
    formations = demo_formations()
    path = feed_file(tmp_path, formations)
    hub = await synced_hub(hub_with, path)

    first = await run_stream(hub, "catalogue", "formations")
    again = await run_stream(hub, "catalogue", "formations")
    feed_file(tmp_path, formations[1:])
    shrunk = await run_stream(hub, "catalogue", "formations")

    assert (first.status, first.inserted) == ("success", 8)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 8)
    assert shrunk.deleted == 1
    visible = await titles(hub)
    assert visible.pop(formations[0]["id"]) is False and all(visible.values())


async def test_bad_rows_are_dead_lettered_with_their_reason_and_the_rest_lands(hub_with, tmp_path: Path) -> None:
    formations = demo_formations()
    formations[2]["thematiques"] = ["astrologie"]
    formations[5]["date_debut"] = "bientôt"
    hub = await synced_hub(hub_with, feed_file(tmp_path, formations))

    report = await run_stream(hub, "catalogue", "formations")

    assert (report.status, report.inserted, report.failed) == ("partial", 6, 2)
    letters = await list_dead_letters(hub, instance_id="catalogue")
    errors = {letter.record_key: letter.error for letter in letters}
    assert set(errors) == {formations[2]["id"], formations[5]["id"]}
    assert "formation n° 3 :" in errors[formations[2]["id"]] and "thematiques" in errors[formations[2]["id"]]
    assert "formation n° 6 :" in errors[formations[5]["id"]] and "date invalide" in errors[formations[5]["id"]]


CSV_HEADER = "id;titre;organisme;date_debut;modalite;thematiques;publics;mis_a_jour_le\n"


async def test_a_malformed_csv_row_is_reported_with_its_line_and_the_rest_lands(hub_with, tmp_path: Path) -> None:
    path = tmp_path / "flux.csv"
    path.write_text(
        CSV_HEADER
        + "c1;Santé en ligne;Réseau;2027-03-04;distanciel;sante;mediateur;2026-11-01T10:00:00Z\n"
        + "c2;Sans date;Réseau;;distanciel;sante;mediateur;2026-11-01T10:00:00Z\n"
        + "c3;Smartphone;Réseau;2027-03-05;en_ligne;;mediateur;2026-11-01T10:00:00Z\n"
        + "c4;Banque;Réseau;2027-03-06;presentiel;banque_et_achats_en_ligne;;2026-11-01T10:00:00Z\n",
        encoding="utf-8",
    )
    hub = await synced_hub(hub_with, path)

    report = await run_stream(hub, "catalogue", "formations")

    assert (report.status, report.inserted, report.failed) == ("partial", 2, 2)
    errors = {letter.record_key: letter.error for letter in await list_dead_letters(hub, instance_id="catalogue")}
    assert errors["c2"].startswith("enregistrement refusé : ligne 3 :") and "date_debut" in errors["c2"]
    assert errors["c3"].startswith("enregistrement refusé : ligne 4 :") and "modalite" in errors["c3"]
    assert set(await titles(hub)) == {"c1", "c4"}
