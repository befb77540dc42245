"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 13:01:28.447913
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("location", sa.String(length=2000), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('feed', 'page', 'dir', 'file')", name=op.f("ck_source_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("location", name=op.f("uq_source_location")),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index("ix_source_due", ["enabled", "next_check_at"], unique=False)

    op.create_table(
        "subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("platforms", sa.JSON(), nullable=False),
        sa.Column("min_precision", sa.String(length=10), nullable=False),
        sa.Column("coarse", sa.String(length=10), nullable=False),
        sa.Column("alarm_minutes", sa.Integer(), nullable=True),
        sa.Column("reminder_days", sa.JSON(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("token_rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription")),
        sa.UniqueConstraint("name", name=op.f("uq_subscription_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_subscription_token_hash")),
    )
    op.create_table(
        "work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work")),
        sa.UniqueConstraint("key", name=op.f("uq_work_key")),
    )
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_article_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_article_content_hash")),
        sa.UniqueConstraint("url", name=op.f("uq_article_url")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_source_id"), ["source_id"], unique=False)

    op.create_table(
        "channel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscription.id"],
            name=op.f("fk_channel_subscription_id_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel")),
        sa.UniqueConstraint(
            "subscription_id", "name", name=op.f("uq_channel_subscription_id_name")
        ),
    )
    op.create_table(
        "release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=False),
        sa.Column("season", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("date_value", sa.String(length=16), nullable=False),
        sa.Column("precision", sa.String(length=10), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=True),
        sa.Column("window_end", sa.Date(), nullable=True),
        sa.Column("date_as_of", sa.Date(), nullable=True),
        sa.Column("platform", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('premiere', 'season_premiere', 'return', 'finale', 'release', 'other')",
            name=op.f("ck_release_kind"),
        ),
        sa.CheckConstraint(
            "precision IN ('day', 'month', 'season', 'quarter', 'half', 'year', 'tba')",
            name=op.f("ck_release_precision"),
        ),
        sa.CheckConstraint(
            "status IN ('announced', 'delayed', 'cancelled', 'out')", name=op.f("ck_release_status")
        ),
        sa.CheckConstraint("season >= 0", name=op.f("ck_release_season")),
        sa.ForeignKeyConstraint(
            ["work_id"], ["work.id"], name=op.f("fk_release_work_id_work"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release")),
        sa.UniqueConstraint(
            "work_id", "season", "kind", name=op.f("uq_release_work_id_season_kind")
        ),
    )
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.create_index("ix_release_status_window", ["status", "window_start"], unique=False)
        batch_op.create_index("ix_release_window", ["window_start", "window_end"], unique=False)

    op.create_table(
        "watch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscription.id"],
            name=op.f("fk_watch_subscription_id_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch")),
        sa.UniqueConstraint("subscription_id", "key", name=op.f("uq_watch_subscription_id_key")),
    )
    with op.batch_alter_table("watch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watch_key"), ["key"], unique=False)

    op.create_table(
        "work_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["work_id"], ["work.id"], name=op.f("fk_work_alias_work_id_work"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_alias")),
        sa.UniqueConstraint("key", name=op.f("uq_work_alias_key")),
    )
    with op.batch_alter_table("work_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_alias_work_id"), ["work_id"], unique=False)

    op.create_table(
        "date_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("change", sa.String(length=12), nullable=False),
        sa.Column("old_status", sa.String(length=16), nullable=True),
        sa.Column("new_status", sa.String(length=16), nullable=False),
        sa.Column("old_value", sa.String(length=16), nullable=True),
        sa.Column("old_precision", sa.String(length=10), nullable=True),
        sa.Column("new_value", sa.String(length=16), nullable=False),
        sa.Column("new_precision", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "change IN ('new', 'dated', 'moved', 'narrowed', 'delayed', 'postponed', "
            "'cancelled', 'out')",
            name=op.f("ck_date_change_change"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_date_change_article_id_article"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["release.id"],
            name=op.f("fk_date_change_release_id_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_date_change")),
    )
    with op.batch_alter_table("date_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_date_change_article_id"), ["article_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_date_change_recorded_at"), ["recorded_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_date_change_release_id"), ["release_id"], unique=False)

    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=True),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed')", name=op.f("ck_delivery_status")
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_delivery_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["release.id"],
            name=op.f("fk_delivery_release_id_release"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_delivery_idempotency_key")),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_channel_id"), ["channel_id"], unique=False)
        batch_op.create_index("ix_delivery_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_release_id"), ["release_id"], unique=False)

    op.create_table(
        "sighting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title_as_written", sa.String(length=300), nullable=False),
        sa.Column("date_value", sa.String(length=16), nullable=False),
        sa.Column("precision", sa.String(length=10), nullable=False),
        sa.Column("platform", sa.String(length=100), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "precision IN ('day', 'month', 'season', 'quarter', 'half', 'year', 'tba')",
            name=op.f("ck_sighting_precision"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_sighting_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["release.id"],
            name=op.f("fk_sighting_release_id_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sighting")),
        sa.UniqueConstraint(
            "release_id", "article_id", name=op.f("uq_sighting_release_id_article_id")
        ),
    )
    with op.batch_alter_table("sighting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sighting_article_id"), ["article_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("sighting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sighting_article_id"))

    op.drop_table("sighting")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delivery_release_id"))
        batch_op.drop_index("ix_delivery_due")
        batch_op.drop_index(batch_op.f("ix_delivery_channel_id"))

    op.drop_table("delivery")
    with op.batch_alter_table("date_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_date_change_release_id"))
        batch_op.drop_index(batch_op.f("ix_date_change_recorded_at"))
        batch_op.drop_index(batch_op.f("ix_date_change_article_id"))

    op.drop_table("date_change")
    with op.batch_alter_table("work_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_alias_work_id"))

    op.drop_table("work_alias")
    with op.batch_alter_table("watch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_key"))

    op.drop_table("watch")
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.drop_index("ix_release_window")
        batch_op.drop_index("ix_release_status_window")

    op.drop_table("release")
    op.drop_table("channel")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_source_id"))
        batch_op.drop_index(batch_op.f("ix_article_published_at"))

    op.drop_table("article")
    op.drop_table("work")
    op.drop_table("subscription")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index("ix_source_due")

    op.drop_table("source")
