"""tâches : worker de chaque exécution, index des statuts

Revision ID: core_0008
Revises: core_0007
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'core_0008'
down_revision: str | Sequence[str] | None = 'core_0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worker', sa.String(length=120), nullable=True))
        batch_op.create_index(batch_op.f('ix_job_run_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_run_status'))
        batch_op.drop_column('worker')
