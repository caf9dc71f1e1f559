"""lieux nationaux (data·inclusion)

Revision ID: cartographie_0001
Revises:
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hub.core.db.base

revision: str = 'cartographie_0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ('cartographie',)
depends_on: str | Sequence[str] | None = 'core_0001'


def upgrade() -> None:
    op.create_table('cartographie_lieu',
    sa.Column('instance_id', sa.String(length=100), nullable=False),
    sa.Column('id', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('nom', sa.Text(), nullable=False),
    sa.Column('date_maj', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('lien_source', sa.Text(), nullable=True),
    sa.Column('siret', sa.String(length=14), nullable=True),
    sa.Column('adresse', sa.Text(), nullable=True),
    sa.Column('complement_adresse', sa.Text(), nullable=True),
    sa.Column('commune', sa.Text(), nullable=True),
    sa.Column('code_postal', sa.String(length=5), nullable=True),
    sa.Column('code_insee', sa.String(length=5), nullable=True),
    sa.Column('code_departement', sa.String(length=3), nullable=False),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('telephone', sa.Text(), nullable=True),
    sa.Column('courriel', sa.Text(), nullable=True),
    sa.Column('site_web', sa.Text(), nullable=True),
    sa.Column('horaires_accueil', sa.Text(), nullable=True),
    sa.Column('accessibilite_lieu', sa.Text(), nullable=True),
    sa.Column('reseaux_porteurs', sa.JSON(), nullable=False),
    sa.Column('doublons', sa.JSON(), nullable=False),
    sa.Column('adresse_certifiee', sa.Boolean(), nullable=True),
    sa.Column('score_qualite', sa.Double(), nullable=True),
    sa.Column('recherche', sa.String(length=1200), nullable=False),
    sa.Column('supprime_le', hub.core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['instance_id'], ['connector_instance.id'], name=op.f('fk_cartographie_lieu_instance_id_connector_instance'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('instance_id', 'id', name=op.f('pk_cartographie_lieu'))
    )
    with op.batch_alter_table('cartographie_lieu', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cartographie_lieu_code_departement'), ['code_departement'], unique=False)
        batch_op.create_index(batch_op.f('ix_cartographie_lieu_siret'), ['siret'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cartographie_lieu', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cartographie_lieu_siret'))
        batch_op.drop_index(batch_op.f('ix_cartographie_lieu_code_departement'))

    op.drop_table('cartographie_lieu')
