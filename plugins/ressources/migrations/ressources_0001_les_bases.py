"""ressources de Les Bases et leurs consultations

Revision ID: ressources_0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import hub.core.db.base

revision: str = 'ressources_0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ('ressources',)
depends_on: str | Sequence[str] | None = 'core_0002'  # users

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table('ressources_ressource',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('instance_id', sa.String(length=100), nullable=False),
    sa.Column('source_id', sa.String(length=100), nullable=False),
    sa.Column('slug', sa.String(length=300), nullable=False),
    sa.Column('titre', sa.String(length=500), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('creee_le', hub.core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('modifiee_le', hub.core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('publiee_le', hub.core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('themes', JSON, nullable=False),
    sa.Column('types_support', JSON, nullable=False),
    sa.Column('publics', JSON, nullable=False),
    sa.Column('libelles', JSON, nullable=False),
    sa.Column('recherche', sa.Text(), nullable=False),
    sa.Column('contenu_modifie_le', hub.core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('supprime_le', hub.core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['instance_id'], ['connector_instance.id'], name=op.f('fk_ressources_ressource_instance_id_connector_instance'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ressources_ressource')),
    sa.UniqueConstraint('instance_id', 'source_id', name=op.f('uq_ressources_ressource_instance_id_source_id'))
    )
    op.create_index(op.f('ix_ressources_ressource_modifiee_le'), 'ressources_ressource', ['modifiee_le'], unique=False)
    op.create_table('ressources_consultation',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('ressource_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('le', hub.core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ressource_id'], ['ressources_ressource.id'], name=op.f('fk_ressources_consultation_ressource_id_ressources_ressource'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ressources_consultation_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ressources_consultation'))
    )
    op.create_index(op.f('ix_ressources_consultation_ressource_id'), 'ressources_consultation', ['ressource_id'], unique=False)
    op.create_index('ix_ressources_consultation_user_id_le', 'ressources_consultation', ['user_id', 'le'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_ressources_consultation_user_id_le', table_name='ressources_consultation')
    op.drop_index(op.f('ix_ressources_consultation_ressource_id'), table_name='ressources_consultation')
    op.drop_table('ressources_consultation')
    op.drop_index(op.f('ix_ressources_ressource_modifiee_le'), table_name='ressources_ressource')
    op.drop_table('ressources_ressource')
