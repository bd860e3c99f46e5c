"""The migration scripts, oldest first (0001_initial adopts the drafts table of a pre-SQLAlchemy SQLite file)."""
