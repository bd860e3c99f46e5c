"""Drafts with owner, workspace and version; feedback; workspaces and their members (adopts a pre-SQLAlchemy drafts table)."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if inspector.has_table("drafts"):  # a drafts.sqlite3 written before SQLAlchemy: keep every row, add the new columns
        existing = {c["name"] for c in inspector.get_columns("drafts")}
        with op.batch_alter_table("drafts") as batch:
            if "owner" not in existing:
                batch.add_column(sa.Column("owner", sa.String(255), nullable=False, server_default=""))
            if "workspace" not in existing:
                batch.add_column(sa.Column("workspace", sa.String(64), nullable=True))
            if "version" not in existing:
                batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    else:
        op.create_table(
            "drafts",
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("kind", sa.String(40), nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("data", sa.Text, nullable=False),
            sa.Column("step", sa.String(100), nullable=False),
            sa.Column("created", sa.String(40), nullable=False),
            sa.Column("updated", sa.String(40), nullable=False),
            sa.Column("owner", sa.String(255), nullable=False, server_default=""),
            sa.Column("workspace", sa.String(64), nullable=True),
            sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        )
    indexes = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("drafts")}
    if "drafts_updated" not in indexes:
        op.create_index("drafts_updated", "drafts", ["updated"])
    op.create_index("drafts_owner", "drafts", ["owner"])
    op.create_index("drafts_workspace", "drafts", ["workspace"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("rating", sa.String(8), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("citations", sa.Text, nullable=False),
        sa.Column("backend", sa.String(100), nullable=False),
        sa.Column("owner", sa.String(255), nullable=False, server_default=""),
    )
    op.create_table(
        "workspaces",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
    )
    op.create_table(
        "members",
        sa.Column("workspace", sa.String(64), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user", sa.String(255), primary_key=True),
        sa.Column("name", sa.Text, nullable=False, server_default=""),
        sa.Column("profile_draft", sa.String(64), nullable=True),
        sa.Column("shares_profile", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("joined", sa.String(40), nullable=False),
    )
    op.create_index("members_user", "members", ["user"])


def downgrade() -> None:
    op.drop_index("members_user", "members")
    op.drop_table("members")
    op.drop_table("workspaces")
    op.drop_table("feedback")
    op.drop_index("drafts_workspace", "drafts")
    op.drop_index("drafts_owner", "drafts")
