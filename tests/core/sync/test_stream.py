"""A stream the engine could not run is refused when the plugin declares it, with what to fix."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from hub.core.sync.connector import Stream
from tests.core.sync.exemple_plugin.connector import Item

METADATA = sa.MetaData()
LOOSE = sa.Table("exemple_lache", METADATA, sa.Column("instance_id", sa.String), sa.Column("id", sa.Integer))
KEYED = sa.Table(
    "exemple_cle", METADATA, sa.Column("instance_id", sa.String), sa.Column("id", sa.Integer),
    sa.UniqueConstraint("instance_id", "id"),
)


def stream(table: sa.Table, **options: Any) -> Stream:
    return Stream(**{"name": "essai", "table": table, "record_type": Item, "primary_key": "id", "to_row": dict, **options})


@pytest.mark.parametrize(
    ("table", "options", "message"),
    [
        (KEYED, {"primary_key": "uid", "cursor_field": "updated_at"}, "colonnes manquantes : uid"),
        (LOOSE, {"cursor_field": "updated_at"}, r"contrainte d'unicité sur \(instance_id, id\)"),
        (KEYED, {}, "doit nommer son cursor_field"),
        (KEYED, {"mode": "full_refresh"}, "besoin de la colonne supprime_le"),
    ],
)
def test_an_unusable_stream_is_refused_at_declaration(table: sa.Table, options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=rf"flux « essai » \(table {table.name}\) : .*{message}"):
        stream(table, **options)


def test_a_stream_keyed_on_instance_and_partner_id_is_accepted() -> None:
    assert stream(KEYED, cursor_field="updated_at").name == "essai"
