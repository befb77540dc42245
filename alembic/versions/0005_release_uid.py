"""release uid

Every release gets the UID its calendar events carry. Existing releases keep the one they have
been published with (`release-<id>@tracker`), so a subscriber's calendar sees the same events
and no duplicates; releases created from now on get a random UUID, unique across instances and
rebuilt databases.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 22:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=64), nullable=True))
    op.execute("UPDATE release SET uid = 'release-' || CAST(id AS VARCHAR(20)) || '@tracker'")
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_release_uid"), ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_release_uid"), type_="unique")
        batch_op.drop_column("uid")
