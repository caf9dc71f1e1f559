"""liens de partage des statistiques

Revision ID: stats_0001
Revises: 
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hub.core.db.base

revision: str = 'stats_0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ('stats',)
depends_on: str | Sequence[str] | None = 'core_0002'


def upgrade() -> None:
    op.create_table('stats_partage',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('jeton', sa.String(length=64), nullable=False),
    sa.Column('mediateur_id', sa.String(length=36), nullable=True),
    sa.Column('coordinateur_id', sa.String(length=36), nullable=True),
    sa.Column('creation', hub.core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(mediateur_id IS NULL) <> (coordinateur_id IS NULL)', name=op.f('ck_stats_partage_un_proprietaire')),
    sa.ForeignKeyConstraint(['coordinateur_id'], ['coordinateurs.id'], name=op.f('fk_stats_partage_coordinateur_id_coordinateurs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mediateur_id'], ['mediateurs.id'], name=op.f('fk_stats_partage_mediateur_id_mediateurs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_partage')),
    sa.UniqueConstraint('coordinateur_id', name=op.f('uq_stats_partage_coordinateur_id')),
    sa.UniqueConstraint('jeton', name=op.f('uq_stats_partage_jeton')),
    sa.UniqueConstraint('mediateur_id', name=op.f('uq_stats_partage_mediateur_id'))
    )


def downgrade() -> None:
    op.drop_table('stats_partage')
