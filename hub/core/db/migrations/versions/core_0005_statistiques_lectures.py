"""statistiques : cumuls par mois et par année, index couvrant des accompagnements

Revision ID: core_0005
Revises: core_0004
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'core_0005'
down_revision: str | Sequence[str] | None = 'core_0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stats_cumuls_periodes',
    sa.Column('niveau', sa.String(length=5), nullable=False),
    sa.Column('debut', sa.Date(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('dimension', sa.String(length=30), nullable=False),
    sa.Column('valeur', sa.String(length=80), nullable=False),
    sa.Column('libelle', sa.String(length=200), nullable=True),
    sa.Column('activites', sa.Integer(), nullable=False),
    sa.Column('accompagnements', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('niveau', 'debut', 'type', 'dimension', 'valeur', name=op.f('pk_stats_cumuls_periodes'))
    )
    with op.batch_alter_table('stats_cumuls', schema=None) as batch_op:
        batch_op.create_index('ix_stats_cumuls_dimension_jour', ['dimension', 'jour'], unique=False)
    with op.batch_alter_table('accompagnements', schema=None) as batch_op:
        batch_op.create_index(
            'ix_accompagnements_activite_id_couvrant', ['activite_id'], unique=False,
            postgresql_include=['beneficiaire_id', 'premier_accompagnement'],
        )
        batch_op.drop_index('ix_accompagnements_activite_id')


def downgrade() -> None:
    with op.batch_alter_table('accompagnements', schema=None) as batch_op:
        batch_op.create_index('ix_accompagnements_activite_id', ['activite_id'], unique=False)
        batch_op.drop_index('ix_accompagnements_activite_id_couvrant')
    with op.batch_alter_table('stats_cumuls', schema=None) as batch_op:
        batch_op.drop_index('ix_stats_cumuls_dimension_jour')
    op.drop_table('stats_cumuls_periodes')
