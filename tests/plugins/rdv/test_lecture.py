"""The sync reads pages raw (:mod:`plugins.rdv.lecture`): records come as received (the engine
fingerprints them so), the streams' in-place datetime rewrite gives what the client's
``normalize_datetimes`` gives, and pagination errors stay the client's."""

from __future__ import annotations

import copy

import pytest

from connectors.errors import ConfigError
from connectors.rdv_service_public.datetimes import normalize_datetimes
from plugins.rdv.lecture import PagesBrutes, preparer, rfc3339
from tests.connectors.rdv_service_public.fixtures import page, rdv, user


@pytest.mark.parametrize("valeur", [
    "2025-03-14 10:05:12 +0100", "2025-03-14 09:05:12 UTC", "2025-07-01 23:59:59 -0230", "2025-03-14T10:05:12Z",
    "2025-03-14T10:05:12.250+01:00", "2025-03-14 10:05:12", "hier", "",
])  # fmt: skip
def test_a_datetime_is_rewritten_as_normalize_datetimes_does(valeur: str) -> None:
    assert rfc3339(valeur) == normalize_datetimes({"starts_at": valeur})[0]["starts_at"]


def test_a_record_is_prepared_in_place_like_the_client_normalises_a_copy() -> None:
    enregistrements = [
        rdv(1, cancelled_at="2026-02-09 18:00:00 UTC"),
        rdv(2, participations=[rdv()["participations"][0] | {"user": user(5, invitation_created_at="2026-01-02 08:00:00 +0100")}]),
        "pas un objet",
    ]
    attendu = [normalize_datetimes(item)[0] for item in enregistrements]
    lus = copy.deepcopy(enregistrements)

    assert [preparer(item) for item in lus] == attendu
    assert lus[1]["participations"][0]["user"]["invitation_created_at"] == "2026-01-02T08:00:00+01:00"


class Session:
    def __init__(self, corps: list[object]) -> None:
        self.corps = corps

    async def request(self, *args: object, **kwargs: object) -> object:
        return self.corps.pop(0)


async def test_pages_are_followed_to_the_last_and_a_page_going_backwards_is_refused() -> None:
    deux = [page("rdvs", [rdv(1)], current=1, total_pages=2), page("rdvs", [rdv(2)], current=2, total_pages=2)]
    lues = [p async for p in PagesBrutes(Session(deux), "rdvs", "rdvs", object, []).pages()]
    assert [[r["starts_at"] for r in p.raw] for p in lues] == [["2026-02-10 14:00:00 +0100"]] * 2
    assert (lues[0].records, lues[0].errors, lues[-1].next_page) == ([], [], None)

    boucle = page("rdvs", [], current=1, total_pages=2) | {"meta": {"next_page": 1}}
    with pytest.raises(ConfigError, match="pagination incohérente"):
        [p async for p in PagesBrutes(Session([boucle]), "rdvs", "rdvs", object, []).pages()]
    with pytest.raises(ConfigError, match="sans liste « rdvs »"):
        [p async for p in PagesBrutes(Session([{"autre": []}]), "rdvs", "rdvs", object, []).pages()]
