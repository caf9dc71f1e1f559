"""statistiques : cumuls des membres partis d'une équipe (du 1er janvier à leur jour de départ)

Revision ID: core_0007
Revises: core_0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'core_0007'
down_revision: str | Sequence[str] | None = 'core_0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stats_cumuls_departs',
    sa.Column('mediateur_id', sa.String(length=36), nullable=False),
    sa.Column('jour', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('mediateur_id', 'jour', name=op.f('pk_stats_cumuls_departs'))
    )
    # The rollup computed before has no departure level: the next job run computes it.
    op.execute("DELETE FROM stats_cumuls_etat")


def downgrade() -> None:
    op.execute("DELETE FROM stats_cumuls_etat")
    op.execute("DELETE FROM stats_cumuls_mediateurs WHERE niveau = 'parti'")
    op.execute("DELETE FROM stats_cumuls_suivis WHERE niveau = 'parti'")
    op.drop_table('stats_cumuls_departs')
