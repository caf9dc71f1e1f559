"""formations suivies

Revision ID: formations_0002
Revises: formations_0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hub.core.db.base

revision: str = 'formations_0002'
down_revision: str | Sequence[str] | None = 'formations_0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = 'core_0002'  # users


def upgrade() -> None:
    op.create_table('formations_suivie',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('formation_id', sa.Integer(), nullable=False),
    sa.Column('le', hub.core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['formation_id'], ['formations_formation.id'], name=op.f('fk_formations_suivie_formation_id_formations_formation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_formations_suivie_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_formations_suivie')),
    sa.UniqueConstraint('user_id', 'formation_id', name=op.f('uq_formations_suivie_user_id_formation_id'))
    )
    op.create_index(op.f('ix_formations_suivie_formation_id'), 'formations_suivie', ['formation_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_formations_suivie_formation_id'), table_name='formations_suivie')
    op.drop_table('formations_suivie')
