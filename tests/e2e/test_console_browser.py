"""The operator console in a real browser: an admin pauses a training catalogue connector, replays
a dead letter that the hub now accepts, and sees the replay's run appear.

The instance reads a local feed with one record refused (modality « à distance »); the test then
upgrades the plugin in the process (it reads « à distance » as « distanciel »), as an operator
would before replaying. Screenshots are left in the test's temporary folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa
from navigateur import chromium, serve, sign_in

from hub.app import create_app
from hub.core.sync.engine import run_stream
from hub.core.sync.models import ConnectorInstance, DeadLetter
from hub.core.sync.states import reconcile_instances, setup_due_instances
from hub.testing import create_test_user, make_hub
from plugins.formations import plugin as formations
from plugins.formations.connector import CatalogueFormations, FormationRecord
from plugins.formations.models import Formation

pytestmark = pytest.mark.e2e

VALID = {
    "id": "f-1", "titre": "Accompagner les démarches en ligne", "organisme": "Organisme fictif",
    "date_debut": "2027-01-14", "modalite": "distanciel", "mis_a_jour_le": "2026-11-29T09:00:00Z",
}
REFUSED = VALID | {"id": "f-2", "titre": "Atelier mobile", "modalite": "à distance"}


def upgrade_the_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The formations plugin now reads the modality « à distance » as « distanciel »."""
    (stream,) = CatalogueFormations.streams

    def upgraded(raw: dict[str, Any]) -> dict[str, Any]:
        modalite = "distanciel" if raw.get("modalite") == "à distance" else raw.get("modalite")
        row = msgspec.structs.asdict(msgspec.convert(raw | {"modalite": modalite}, FormationRecord))
        row["source_id"] = row.pop("id")
        return row

    monkeypatch.setattr(
        CatalogueFormations, "streams", (msgspec.structs.replace(stream, record_type=dict[str, Any], to_row=upgraded),)
    )


async def test_an_admin_pauses_a_connector_replays_a_dead_letter_and_sees_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "catalogue.json"
    feed.write_text(json.dumps({"formations": [VALID, REFUSED]}), encoding="utf-8")
    declared = {"id": "catalogue", "kind": "formations.catalogue", "title": "Catalogue de test", "config": {"source": str(feed)}}
    hub = await make_hub(tmp_path, plugins=[("formations", formations)], connectors=[declared])
    await reconcile_instances(hub)
    await setup_due_instances(hub)
    first = await run_stream(hub, "catalogue", "formations", trigger="schedule")
    assert (first.status, first.inserted, first.failed) == ("partial", 1, 1)
    await create_test_user(hub, roles=("admin",), prenom="Ada", nom="Admin")
    upgrade_the_plugin(monkeypatch)
    await hub.engine.dispose()  # the server's event loop opens its own connections

    async with serve(create_app(hub)) as base_url, chromium() as browser:
        page = await sign_in(browser, base_url, "Ada Admin")
        await page.get_by_role("link", name="Connecteurs").first.click()
        await page.wait_for_url(f"{base_url}/admin/connecteurs")
        assert await page.locator("h1").inner_text() == "Connecteurs"
        await page.screenshot(path=tmp_path / "console-liste.png", full_page=True)

        await page.get_by_role("button", name="Mettre en pause Catalogue de test").click()
        await page.wait_for_url(f"{base_url}/admin/connecteurs/catalogue?fait=pause")
        assert "L'instance est en pause" in await page.get_by_role("status").first.inner_text()
        assert await page.get_by_role("button", name="Reprendre Catalogue de test").count() == 1

        letter = page.locator("pre.hub-donnees")
        assert '"modalite": "à distance"' in await letter.inner_text()
        await page.get_by_role("button", name="Rejouer l'enregistrement n° 1").click()
        await page.wait_for_url(f"{base_url}/admin/connecteurs/catalogue?fait=rejoue")
        assert "L'enregistrement a été rejoué" in await page.get_by_role("status").first.inner_text()
        runs = page.get_by_role("table", name="Dernières synchronisations (2)")
        first_row = " ".join((await runs.locator("tbody tr").first.inner_text()).split())
        assert first_row.startswith("2 formations rejeu") and "réussie 1 1 0 0 0 0" in first_row
        assert "rejoué le" in (await page.locator("#ecartes ~ ul").inner_text()).lower()  # badge in capitals
        await page.screenshot(path=tmp_path / "console-instance.png", full_page=True)

    async with hub.session() as session:
        instance = await session.get_one(ConnectorInstance, "catalogue")
        titles = set(await session.scalars(sa.select(Formation.titre).where(Formation.supprime_le.is_(None))))
        replayed = await session.scalar(sa.select(DeadLetter.replayed_at))
    assert instance.paused and instance.state == "paused"
    assert titles == {"Accompagner les démarches en ligne", "Atelier mobile"} and replayed is not None
    await hub.shutdown()
