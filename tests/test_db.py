"""The drafts and feedback database on SQLite and a real PostgreSQL: migrations, old files, versions, owners and teams."""
from __future__ import annotations

import json
import sqlite3
import sys
import threading
import time
from importlib.resources import files
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pgcluster  # noqa: E402

from assistant import Settings  # noqa: E402
from assistant.errors import SettingsError  # noqa: E402
from assistant.db import Database, DatabaseUnavailable  # noqa: E402
from assistant.storage import open_database  # noqa: E402
from assistant.feedback import FeedbackStore  # noqa: E402
from assistant.planning.drafts import DraftConflict, DraftStore  # noqa: E402
from assistant.workspaces import WorkspaceStore  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OLD_SCHEMA = """CREATE TABLE drafts (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, data TEXT NOT NULL, step TEXT NOT NULL,
created TEXT NOT NULL, updated TEXT NOT NULL)"""


@pytest.fixture(scope="session")
def pg() -> Iterator[pgcluster.Cluster]:
    yield from pgcluster.cluster()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.e2e)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    return request.getfixturevalue("pg").create_database()


def _old_drafts_file(path: Path, n: int = 3) -> list[tuple[str, ...]]:
    """A drafts.sqlite3 as cocreate wrote it before SQLAlchemy (WAL mode, no version column)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [(f"{i:032x}", "fourp", f"Plan {i}", json.dumps({"title": f"Plan {i}", "n": i}), "pointe", f"2025-01-0{i + 1}T00:00:00.000000+00:00",
             f"2025-02-0{i + 1}T00:00:00.000000+00:00") for i in range(n)]
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(OLD_SCHEMA)
        conn.execute("CREATE INDEX drafts_updated ON drafts (updated)")
        conn.executemany("INSERT INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return rows


# -- migrations and old files ------------------------------------------------------------------------------------
def test_migrations_ship_inside_the_package_and_run_on_start(db_url: str):
    migrations = files("assistant.db") / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "versions" / "0001_initial.py").is_file()
    assert (migrations / "versions" / "0002_conversations.py").is_file()
    packages = (ROOT / "pyproject.toml").read_text()
    assert '"assistant.db.migrations.versions"' in packages  # an installed app finds them too
    db = Database(db_url)
    assert db.revision() == "0002"
    assert Database(db_url).revision() == "0002"  # a second start changes nothing


def test_many_instances_starting_at_once_migrate_once(db_url: str):
    errors: list[BaseException] = []

    def start() -> None:
        try:
            DraftStore(Database(db_url)).create("culture")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(DraftStore(Database(db_url)).list()) == 4


def test_an_old_sqlite_drafts_file_is_migrated_in_place_without_loss(_isolated_env: Path):
    rows = _old_drafts_file(_isolated_env / "drafts.sqlite3")
    store = DraftStore(open_database(Settings()))
    drafts = {d.id: d for d in store.list()}
    assert len(drafts) == 3
    for row in rows:
        draft = drafts[row[0]]
        assert (draft.kind, draft.title, json.dumps(draft.data), draft.step, draft.created, draft.updated) == row[1:]
        assert draft.version == 1 and draft.owner == "" and draft.workspace is None
    saved = store.save(rows[0][0], data={"n": 9}, expected_version=1)
    assert saved.version == 2 and store.get(rows[0][0]).data == {"n": 9}


@pytest.mark.e2e
def test_an_old_drafts_file_moves_into_postgresql_once(_isolated_env: Path, pg: pgcluster.Cluster):
    rows = _old_drafts_file(_isolated_env / "drafts.sqlite3", 4)
    url = pg.create_database()
    store = DraftStore(open_database(Settings(database_url=url)))
    assert sorted(d.id for d in store.list()) == sorted(r[0] for r in rows)
    assert store.get(rows[2][0]).data == {"title": "Plan 2", "n": 2}
    assert not (_isolated_env / "drafts.sqlite3").exists() and list(_isolated_env.glob("drafts.sqlite3.imported-*"))  # kept, renamed
    store.delete(rows[0][0])
    assert len(DraftStore(open_database(Settings(database_url=url))).list()) == 3  # not imported a second time


# -- versions ---------------------------------------------------------------------------------------------------
def test_a_save_from_a_stale_tab_is_a_conflict_with_both_versions(db_url: str):
    store = DraftStore(Database(db_url))
    draft = store.create("fourp", "Plan", {"pointe_purpose": "first"})
    newer = store.save(draft.id, data={"pointe_purpose": "from tab A"}, expected_version=draft.version)
    with pytest.raises(DraftConflict) as caught:
        store.save(draft.id, data={"pointe_purpose": "from stale tab B"}, title="B", expected_version=draft.version)
    conflict = caught.value
    assert conflict.theirs == newer and conflict.mine["data"] == {"pointe_purpose": "from stale tab B"} and conflict.mine["title"] == "B"
    assert "version 2" in str(conflict) and store.get(draft.id).data == {"pointe_purpose": "from tab A"}
    kept = store.save(draft.id, data=conflict.mine["data"], expected_version=conflict.theirs.version)  # "keep mine", knowingly
    assert kept.version == 3 and store.get(draft.id).data == {"pointe_purpose": "from stale tab B"}


def test_two_instances_saving_the_same_version_one_wins_one_is_told(db_url: str):
    first, second = DraftStore(Database(db_url)), DraftStore(Database(db_url))
    draft = first.create("evaluation", "Delt")
    results: list[str] = []
    barrier = threading.Barrier(8)

    def save(store: DraftStore, n: int) -> None:
        barrier.wait()
        try:
            store.save(draft.id, data={"writer": n}, expected_version=1)
            results.append("saved")
        except DraftConflict:
            results.append("conflict")

    threads = [threading.Thread(target=save, args=((first, second)[n % 2], n)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 7 + ["saved"]
    assert second.get(draft.id).version == 2


# -- owners and teams -------------------------------------------------------------------------------------------
def test_a_signed_in_user_sees_only_their_own_and_their_teams_drafts(db_url: str):
    db = Database(db_url)
    drafts, teams = DraftStore(db), WorkspaceStore(db)
    alice, bob, carol = drafts.for_user("alice"), drafts.for_user("bob"), drafts.for_user("carol")
    private = alice.create("fourp", "Alices egen")
    with pytest.raises(KeyError):
        bob.get(private.id)  # an id in the URL protects nothing no more
    with pytest.raises(KeyError):
        bob.save(private.id, title="taken over")
    bob.delete(private.id)  # no error, and nothing happens
    assert alice.get(private.id).title == "Alices egen" and bob.list() == [] and bob.export_json().count('"id"') == 0

    team = teams.create("Læringsteamet", "alice", "Alice")
    with pytest.raises(ValueError, match="member"):
        bob.create("fourp", "Sneaking in", workspace=team.id)
    teams.join(team.id, "bob", "Bob")
    shared = alice.share(alice.create("priorities", "Teamets plan").id, team.id)
    assert [d.id for d in bob.list()] == [shared.id] and carol.list() == []
    edited = bob.save(shared.id, data={"library": "KB"}, expected_version=shared.version)
    assert alice.get(shared.id).data == {"library": "KB"} and edited.owner == "alice"
    with pytest.raises(ValueError, match="author"):
        bob.delete(shared.id)
    assert alice.is_author(shared) and not bob.is_author(shared) and drafts.is_author(shared)  # the page offers Delete by this
    with pytest.raises(ValueError, match="No team"):
        teams.join("not-a-code", "carol")
    teams.leave(team.id, "bob")
    with pytest.raises(KeyError):
        bob.get(shared.id)
    assert [w.name for w in teams.of_user("alice")] == ["Læringsteamet"] and teams.of_user("bob") == []


def test_drafts_from_before_sign_in_become_yours_from_a_backup(db_url: str):
    drafts = DraftStore(Database(db_url))
    old = drafts.create("culture", "Fra før log ind", {"ratings": {"x": 1}})
    backup = drafts.export_json()
    alice, bob = drafts.for_user("alice"), drafts.for_user("bob")
    assert alice.list() == []
    assert alice.import_json(backup) == 1
    assert alice.get(old.id).owner == "alice" and alice.get(old.id).data == {"ratings": {"x": 1}}
    assert bob.import_json(backup) == 0  # alice's now: never taken over from a backup
    with pytest.raises(KeyError):
        bob.get(old.id)


def test_team_mode_reads_the_profiles_members_chose_to_share(db_url: str):
    db = Database(db_url)
    drafts, teams = DraftStore(db), WorkspaceStore(db)
    team = teams.create("Team", "alice", "Alice")
    teams.join(team.id, "bob", "Bob")
    teams.join(team.id, "carol", "Carol")
    a = drafts.for_user("alice").create("identity", "Min profil", {"ratings": {"ekspert-1": 5}})
    b = drafts.for_user("bob").create("identity", "Bobs", {"ratings": {"ekspert-1": 2, "bad": 9}})
    drafts.for_user("carol").create("identity", "Carols, not shared", {"ratings": {"ekspert-1": 1}})
    with pytest.raises(ValueError, match="own"):
        teams.share_profile(team.id, "bob", a.id)  # nobody shares another's profile
    teams.share_profile(team.id, "alice", a.id)
    teams.share_profile(team.id, "bob", b.id)
    profiles = teams.shared_profiles(team.id, "carol")
    assert [(p.name, p.ratings) for p in profiles] == [("Alice", {"ekspert-1": 5}), ("Bob", {"ekspert-1": 2})]
    drafts.for_user("bob").save(b.id, data={"ratings": {"ekspert-1": 4}})
    assert teams.shared_profiles(team.id, "alice")[1].ratings == {"ekspert-1": 4}  # read directly: later edits count
    teams.share_profile(team.id, "bob", None)  # consent withdrawn
    assert [p.name for p in teams.shared_profiles(team.id, "alice")] == ["Alice"]
    with pytest.raises(ValueError, match="member"):
        teams.shared_profiles(team.id, "mallory")


def test_signed_in_users_see_only_their_own_feedback(db_url: str):
    store = FeedbackStore(Database(db_url))
    store.for_user("alice").add("Alices spørgsmål", "svar", "up")
    store.for_user("bob").add("Bobs spørgsmål", "svar", "down")
    assert [e.question for e in store.for_user("alice").all()] == ["Alices spørgsmål"]
    assert "Bobs" not in store.for_user("alice").export_csv()
    assert len(store.all()) == 2  # the single-user default (no sign-in) sees all, as before


def test_conversations_reopen_on_any_instance_and_only_for_their_owner(db_url: str):
    from assistant.chats import DatabaseConversationStore
    from assistant.planning.conversations import MAX_TURNS

    first, second = DatabaseConversationStore(Database(db_url)), DatabaseConversationStore(Database(db_url))
    chat_id = first.new_id()
    first.for_user("alice").save(chat_id, [{"question": "Hvordan?", "answer": {"answer": "Sådan [1]."}}])
    assert second.for_user("alice").load(chat_id) == [{"question": "Hvordan?", "answer": {"answer": "Sådan [1]."}}]
    assert second.for_user("bob").load(chat_id) == [] and second.load(chat_id) == []  # someone else's: nothing
    with pytest.raises(ValueError, match="someone else"):
        second.for_user("bob").save(chat_id, [{"n": 1}])
    second.for_user("bob").delete(chat_id)
    assert first.for_user("alice").load(chat_id) != []
    first.for_user("alice").save(chat_id, [{"n": n} for n in range(MAX_TURNS + 5)])
    assert second.for_user("alice").load(chat_id)[0] == {"n": 5}
    assert first.load("../etc") == [] and first.load(first.new_id()) == []
    with pytest.raises(ValueError):
        first.save("not-an-id", [])
    first.for_user("alice").delete(chat_id)
    assert second.for_user("alice").load(chat_id) == []


# -- failures ---------------------------------------------------------------------------------------------------
def test_the_two_settings_are_checked_and_the_default_needs_no_server(_isolated_env: Path):
    assert Settings().database() == f"sqlite:///{_isolated_env / 'drafts.sqlite3'}" and Settings().auth == "none"
    with pytest.raises(SettingsError, match="auth='saml' is not allowed: it must be one of none, oidc"):
        Settings(auth="saml")  # an argument is named as given; the variable COCREATE_AUTH when it comes from there
    assert "secret" not in repr(Settings(database_url="postgresql+psycopg://u:secret@h/db"))  # the password stays hidden


def test_a_bad_database_url_gets_a_clear_message():
    with pytest.raises(SettingsError, match="COCREATE_DATABASE_URL"):
        Database("not a url at all")
    with pytest.raises(SettingsError, match="postgresql"):
        Database("nosuchdb://x/y")


def test_a_database_folder_that_cannot_be_written_is_named(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseUnavailable, match="a-file"):
        Database(f"sqlite:///{blocker / 'drafts.sqlite3'}")


@pytest.mark.e2e
def test_a_plain_postgresql_url_uses_the_shipped_driver(pg: pgcluster.Cluster):
    url = pg.create_database().replace("postgresql+psycopg://", "postgresql://")
    db = Database(url)
    assert db.url.drivername == "postgresql+psycopg" and db.revision() == "0002"


@pytest.mark.e2e
def test_postgresql_going_away_is_a_clear_error_and_coming_back_needs_no_restart(tmp_path: Path):
    running = pgcluster.cluster()
    cluster = next(running)
    try:
        store = DraftStore(Database(cluster.create_database()))
        feedback = FeedbackStore(store.db)
        draft = store.create("culture", "Før")
        cluster.stop(immediate=True)
        with pytest.raises(DatabaseUnavailable, match="cannot be used right now"):
            store.save(draft.id, title="Under nedbrud")
        with pytest.raises(DatabaseUnavailable):
            feedback.add("q", "a", "up")
        cluster.start()
        assert store.save(draft.id, title="Efter").title == "Efter" and store.get(draft.id).version == 2
        feedback.add("q", "a", "up")
        assert len(feedback.all()) == 1
    finally:
        running.close()


@pytest.mark.e2e
def test_postgresql_killed_during_saves_loses_no_acknowledged_save():
    running = pgcluster.cluster()
    cluster = next(running)
    try:
        store = DraftStore(Database(cluster.create_database()))
        draft = store.create("fourp", "Under belastning")
        acknowledged: list[int] = []
        failed: list[int] = []
        done = threading.Event()

        def writer() -> None:
            n = 0
            while not done.is_set():
                n += 1
                try:
                    store.save(draft.id, data={"n": n})
                    acknowledged.append(n)
                except DatabaseUnavailable:
                    failed.append(n)
                    time.sleep(0.05)

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            time.sleep(1.0)
            cluster.stop(immediate=True)  # a crash while saves are in flight
            time.sleep(1.0)
            cluster.start()
            time.sleep(1.0)
        finally:
            done.set()
            thread.join(timeout=30)
        assert failed and acknowledged and acknowledged[-1] > failed[-1]  # saves failed while it was down, then went on
        assert store.get(draft.id).data == {"n": acknowledged[-1]}  # the last acknowledged save is what is stored
    finally:
        running.close()
