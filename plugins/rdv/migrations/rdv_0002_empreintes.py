"""empreinte des RDV lus par la synchronisation

Revision ID: rdv_0002
Revises: rdv_0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'rdv_0002'
down_revision: str | Sequence[str] | None = 'rdv_0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rdv_rdv', schema=None) as batch_op:
        batch_op.add_column(sa.Column('empreinte', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('rdv_rdv', schema=None) as batch_op:
        batch_op.drop_column('empreinte')
