"""Chat conversations in the database (a shared deployment), with their owner, so any instance reopens them."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(255), nullable=False, server_default=""),
        sa.Column("updated", sa.String(40), nullable=False),
        sa.Column("turns", sa.Text, nullable=False),  # JSON list
    )
    op.create_index("conversations_updated", "conversations", ["updated"])


def downgrade() -> None:
    op.drop_index("conversations_updated", "conversations")
    op.drop_table("conversations")
