"""statistiques : cumuls nationaux et index des lectures

Revision ID: core_0004
Revises: core_0003
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hub.core.db.base

revision: str = 'core_0004'
down_revision: str | Sequence[str] | None = 'core_0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stats_cumuls',
    sa.Column('jour', sa.Date(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('dimension', sa.String(length=30), nullable=False),
    sa.Column('valeur', sa.String(length=80), nullable=False),
    sa.Column('libelle', sa.String(length=200), nullable=True),
    sa.Column('activites', sa.Integer(), nullable=False),
    sa.Column('accompagnements', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('jour', 'type', 'dimension', 'valeur', name=op.f('pk_stats_cumuls'))
    )
    op.create_table('stats_cumuls_activites',
    sa.Column('activite_id', sa.String(length=36), nullable=False),
    sa.Column('jour', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('activite_id', name=op.f('pk_stats_cumuls_activites'))
    )
    op.create_table('stats_cumuls_etat',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('depuis', hub.core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('calcule_le', hub.core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duree', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_cumuls_etat'))
    )
    with op.batch_alter_table('activites', schema=None) as batch_op:
        batch_op.create_index('ix_activites_modification', ['modification'], unique=False)
    with op.batch_alter_table('accompagnements', schema=None) as batch_op:
        batch_op.create_index('ix_accompagnements_creation', ['creation'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('accompagnements', schema=None) as batch_op:
        batch_op.drop_index('ix_accompagnements_creation')
    with op.batch_alter_table('activites', schema=None) as batch_op:
        batch_op.drop_index('ix_activites_modification')
    op.drop_table('stats_cumuls_etat')
    op.drop_table('stats_cumuls_activites')
    op.drop_table('stats_cumuls')
