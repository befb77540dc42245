"""subscription digest

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 13:54:38.194111
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("subscription", schema=None) as batch_op:
        # existing subscriptions keep one message per alert
        batch_op.add_column(
            sa.Column("digest", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:

    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.drop_column("digest")
