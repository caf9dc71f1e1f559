"""statistiques : cumuls par médiateur, bénéficiaires suivis par période, index des bénéficiaires modifiés

Revision ID: core_0006
Revises: core_0005
Create Date: 2026-12-09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'core_0006'
down_revision: str | Sequence[str] | None = 'core_0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stats_cumuls_mediateurs',
    sa.Column('mediateur_id', sa.String(length=36), nullable=False),
    sa.Column('niveau', sa.String(length=5), nullable=False),
    sa.Column('debut', sa.Date(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('dimension', sa.String(length=30), nullable=False),
    sa.Column('valeur', sa.String(length=80), nullable=False),
    sa.Column('libelle', sa.String(length=200), nullable=True),
    sa.Column('activites', sa.Integer(), nullable=False),
    sa.Column('accompagnements', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint(
        'mediateur_id', 'niveau', 'debut', 'type', 'dimension', 'valeur', name=op.f('pk_stats_cumuls_mediateurs')
    )
    )
    op.create_table('stats_cumuls_suivis',
    sa.Column('mediateur_id', sa.String(length=36), nullable=False),
    sa.Column('niveau', sa.String(length=5), nullable=False),
    sa.Column('debut', sa.Date(), nullable=False),
    sa.Column('dimension', sa.String(length=30), nullable=False),
    sa.Column('valeur', sa.String(length=80), nullable=False),
    sa.Column('libelle', sa.String(length=200), nullable=False),
    sa.Column('nombre', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint(
        'mediateur_id', 'niveau', 'debut', 'dimension', 'valeur', 'libelle', name=op.f('pk_stats_cumuls_suivis')
    )
    )
    with op.batch_alter_table('beneficiaires', schema=None) as batch_op:
        batch_op.create_index('ix_beneficiaires_modification', ['modification'], unique=False)
    # The rollup computed before has no per-mediator levels: the next job run computes them.
    op.execute("DELETE FROM stats_cumuls_etat")


def downgrade() -> None:
    with op.batch_alter_table('beneficiaires', schema=None) as batch_op:
        batch_op.drop_index('ix_beneficiaires_modification')
    op.drop_table('stats_cumuls_suivis')
    op.drop_table('stats_cumuls_mediateurs')
