"""Alembic migrations of the drafts and feedback database, shipped inside the package and applied on start."""
