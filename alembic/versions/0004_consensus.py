"""consensus across sources

Each sighting learns whose claim it is (site, publication date, explicit change, syndication
fingerprint); each release its support (confidence, sources, disputed) and an index on its
last change (a feed's data version); each subscription a
confidence floor; the history may say a release became or stopped being disputed. Support is
recomputed from the stored sightings; no release's date is changed by the upgrade.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 21:40:00
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tracker.core.change_words import is_explicit_change
from tracker.core.consensus import DEFAULT_MIN_CONFIDENCE, Claim, copy_key_of, describe, site_of
from tracker.core.release_date import ReleaseDate

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("new", "dated", "moved", "narrowed", "delayed", "postponed", "cancelled", "out")
_AFTER = (*_BEFORE, "disputed", "settled")


def _check(values: tuple[str, ...]) -> str:
    return "change IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("sighting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("site", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("published", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("explicit", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("copy_key", sa.String(length=16), nullable=False, server_default="")
        )
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("sources", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("disputed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("support", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        # a feed's data version is the newest change of any release: read by every feed request
        batch_op.create_index(batch_op.f("ix_release_updated_at"), ["updated_at"], unique=False)
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "min_confidence",
                sa.Float(),
                nullable=False,
                server_default=str(DEFAULT_MIN_CONFIDENCE),
            )
        )
    with op.batch_alter_table("date_change", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_date_change_change"), type_="check")
        batch_op.create_check_constraint(op.f("ck_date_change_change"), _check(_AFTER))
    _recompute_support()


def _recompute_support() -> None:
    """Fill the new sighting columns from their articles, then each release's support."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT s.id, s.release_id, s.date_value, s.confidence, s.evidence, s.created_at,"
            " a.url, a.published_at, src.name"
            " FROM sighting s JOIN article a ON a.id = s.article_id"
            " LEFT JOIN source src ON src.id = a.source_id ORDER BY s.id"
        )
    ).all()
    claims: dict[int, list[Claim]] = defaultdict(list)
    updates = []
    for sid, release_id, value, confidence, evidence, created, url, published_at, source in rows:
        published = _day(published_at) or _day(created) or dt.date(1970, 1, 1)
        claim = Claim(
            date=ReleaseDate.parse(value),
            site=site_of(url, fallback=(source or "local")[:200]),
            published=published,
            confidence=float(confidence),
            explicit=is_explicit_change(evidence),
            copy_key=copy_key_of(evidence),
            order=sid,
        )
        claims[release_id].append(claim)
        updates.append(
            {
                "id": sid,
                "site": claim.site,
                "published": published,
                "explicit": claim.explicit,
                "copy_key": claim.copy_key,
            }
        )
    if updates:
        bind.execute(
            sa.text(
                "UPDATE sighting SET site = :site, published = :published, explicit = :explicit,"
                " copy_key = :copy_key WHERE id = :id"
            ),
            updates,
        )
    releases = bind.execute(sa.text("SELECT id, date_value FROM release")).all()
    support = []
    for release_id, value in releases:
        if not claims.get(release_id):
            continue
        agreed = describe(claims[release_id], ReleaseDate.parse(value))
        support.append(
            {
                "id": release_id,
                "confidence": agreed.confidence,
                "sources": agreed.sources,
                "disputed": agreed.disputed,
                "support": agreed.record(),
            }
        )
    if support:
        bind.execute(
            sa.text(
                "UPDATE release SET confidence = :confidence, sources = :sources,"
                " disputed = :disputed, support = :support WHERE id = :id"
            ).bindparams(sa.bindparam("support", type_=sa.JSON())),
            support,
        )


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value[:10])
    return None


def downgrade() -> None:
    op.execute("DELETE FROM date_change WHERE change IN ('disputed', 'settled')")
    with op.batch_alter_table("date_change", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_date_change_change"), type_="check")
        batch_op.create_check_constraint(op.f("ck_date_change_change"), _check(_BEFORE))
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.drop_column("min_confidence")
    with op.batch_alter_table("release", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_updated_at"))
        for column in ("support", "disputed", "sources", "confidence"):
            batch_op.drop_column(column)
    with op.batch_alter_table("sighting", schema=None) as batch_op:
        for column in ("copy_key", "explicit", "published", "site"):
            batch_op.drop_column(column)
