"""The tables of the drafts and feedback database (SQLAlchemy Core); migrations/ creates and changes them."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

drafts = Table(
    "drafts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("data", Text, nullable=False),  # JSON
    Column("step", String(100), nullable=False),
    Column("created", String(40), nullable=False),  # ISO 8601, UTC
    Column("updated", String(40), nullable=False),
    Column("owner", String(255), nullable=False, server_default=""),  # "" when nobody signs in
    Column("workspace", String(64), nullable=True),  # a team the draft is shared with
    Column("version", Integer, nullable=False, server_default="1"),  # optimistic concurrency
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created", String(40), nullable=False),
    Column("rating", String(8), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("comment", Text, nullable=False),
    Column("citations", Text, nullable=False),  # JSON list
    Column("backend", String(100), nullable=False),
    Column("owner", String(255), nullable=False, server_default=""),
)

workspaces = Table(
    "workspaces",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_by", String(255), nullable=False),
    Column("created", String(40), nullable=False),
)

members = Table(
    "members",
    metadata,
    Column("workspace", String(64), primary_key=True),
    Column("user", String(255), primary_key=True),
    Column("name", Text, nullable=False, server_default=""),
    Column("profile_draft", String(64), nullable=True),  # an identity draft its owner shares with the team
    Column("shares_profile", Boolean, nullable=False, server_default="0"),
    Column("joined", String(40), nullable=False),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("owner", String(255), nullable=False, server_default=""),
    Column("updated", String(40), nullable=False),
    Column("turns", Text, nullable=False),  # JSON list of turns
)
