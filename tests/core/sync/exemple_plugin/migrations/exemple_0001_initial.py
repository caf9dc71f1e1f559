"""tables du plugin de test « exemple »

Revision ID: exemple_0001
Revises:
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from hub.core.db.base import UTCDateTime

revision: str = "exemple_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("exemple",)
depends_on: str | Sequence[str] | None = "core_0001"


def upgrade() -> None:
    op.create_table(
        "exemple_item",
        sa.Column("instance_id", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("modifie_le", UTCDateTime(timezone=True), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("supprime_le", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["connector_instance.id"],
            name=op.f("fk_exemple_item_instance_id_connector_instance"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("instance_id", "id", name=op.f("pk_exemple_item")),
    )
    op.create_table(
        "exemple_lieu",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("instance_id", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.String(length=50), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("supprime_le", UTCDateTime(timezone=True), nullable=True),
        sa.Column("empreinte", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["connector_instance.id"],
            name=op.f("fk_exemple_lieu_instance_id_connector_instance"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_exemple_lieu")),
        sa.UniqueConstraint("instance_id", "source_id", name=op.f("uq_exemple_lieu_instance_id_source_id")),
    )


def downgrade() -> None:
    op.drop_table("exemple_lieu")
    op.drop_table("exemple_item")
