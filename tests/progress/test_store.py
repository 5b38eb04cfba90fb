"""The progress store never loses committed work: kills, concurrent writers, damage, newer files."""

import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from quizprep.progress import ProgressStore, ReadOnlyStore
from quizprep.progress.migrations import CURRENT_VERSION, MIGRATIONS

WRITER = """
import sys
from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer
store = ProgressStore(sys.argv[1], backups=False)
tag, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    record_answer(store, question_id=f"{tag}-{i}", topic="t", qtype="single", correct=i % 2 == 0, score=1.0, given=str(i))
    print(i, flush=True)
"""


def test_killed_writer_loses_nothing_committed(tmp_path):
    db = tmp_path / "progress.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "k", "100000"], stdout=subprocess.PIPE, text=True)
    acknowledged = -1
    deadline = time.monotonic() + 30
    while acknowledged < 300 and time.monotonic() < deadline:
        acknowledged = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = ProgressStore(db, backups=False)
    assert store.notices == []
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in store.db.execute("SELECT question_id FROM answers")}
    assert {f"k-{i}" for i in range(acknowledged + 1)} <= ids  # every acknowledged answer survived
    cards = store.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    assert cards == len(ids)  # answer and card are written together or not at all


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    db = tmp_path / "progress.db"
    ProgressStore(db, backups=False).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag, "200"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for tag in ("a", "b")]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert not any("locked" in e for e in errors)
    store = ProgressStore(db, backups=False)
    rows = store.db.execute("SELECT question_id FROM answers").fetchall()
    assert sorted(r[0] for r in rows) == sorted([f"a-{i}" for i in range(200)] + [f"b-{i}" for i in range(200)])


def test_garbage_database_is_moved_aside_and_a_fresh_one_works(tmp_path):
    db = tmp_path / "progress.db"
    db.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    (tmp_path / "progress.db-wal").write_bytes(b"junk")
    store = ProgressStore(db, clock=lambda: datetime(2026, 5, 1, 12, 0, tzinfo=UTC))
    saved = tmp_path / "progress.db.damaged-20260501-120000"
    assert store.notices == [f"your progress database was damaged; it was moved to {saved} and a fresh one was started — "
                             f"there is no backup yet (backups are kept in {tmp_path / 'backups'})"]
    assert saved.read_bytes().startswith(b"this is not a database")
    assert (tmp_path / "progress.db.damaged-20260501-120000-wal").read_bytes() == b"junk"
    store.record_grade("relu_grad", "pass", 9, 9, 0.2)
    assert store.last_grades()["relu_grad"]["status"] == "pass"


def test_database_from_a_newer_quizprep_opens_read_only(tmp_path):
    db = tmp_path / "progress.db"
    ProgressStore(db).record_grade("relu_grad", "pass", 9, 9, 0.2)
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    raw.commit()
    raw.close()
    store = ProgressStore(db)
    assert store.read_only and "newer quizprep" in store.notices[0]
    assert store.last_grades()["relu_grad"]["status"] == "pass"  # still readable
    with pytest.raises(ReadOnlyStore):
        store.record_grade("relu_grad", "fail", 0, 9, 0.2)


@pytest.mark.parametrize("start_version", range(1, CURRENT_VERSION))
def test_migrates_forward_from_every_older_version_keeping_data(tmp_path, start_version):
    db = tmp_path / "progress.db"
    raw = sqlite3.connect(db)
    for script in MIGRATIONS[:start_version]:
        raw.executescript(script)
    raw.execute(f"PRAGMA user_version = {start_version}")
    raw.execute("INSERT INTO answers (uid, question_id, topic, correct, score, answered_at) VALUES ('u1', 'q1', 't', 1, 1.0, '2026-01-01T00:00:00+00:00')")
    raw.execute("INSERT INTO grades (uid, exercise_id, status, passed, total, graded_at) VALUES ('g1', 'relu_grad', 'pass', 9, 9, '2026-01-01T00:00:00+00:00')")
    raw.commit()
    raw.close()
    store = ProgressStore(db)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    assert store.db.execute("SELECT question_id FROM answers").fetchall()[0][0] == "q1"
    assert store.ever_passed("relu_grad")
    store.set_setting("new_per_day", "5")  # tables of the newest version exist
    assert store.settings().new_per_day == 5


def test_backups_are_taken_and_rotated(tmp_path):
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    db = tmp_path / "progress.db"
    ProgressStore(db, clock=lambda: now[0]).record_grade("relu_grad", "pass", 9, 9, 0.1)
    for day in range(1, 8):
        now[0] = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day)
        ProgressStore(db, clock=lambda: now[0]).close()
        for b in (tmp_path / "backups").glob("*.db"):  # make every backup look old, as if a day had passed
            import os
            os.utime(b, (0, 0))
    backups = sorted((tmp_path / "backups").glob("progress-*.db"))
    assert len(backups) == 5
    assert sqlite3.connect(backups[-1]).execute("SELECT exercise_id FROM grades").fetchall() == [("relu_grad",)]


def test_database_with_damaged_pages_is_moved_aside(tmp_path):
    db = tmp_path / "progress.db"
    store = ProgressStore(db, backups=False)
    for i in range(300):
        store.record_event("hint", f"exercise-{i}", "x" * 200)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db.read_bytes())
    page = 4096
    data[page * 2: page * 6] = b"\xde\xad\xbe\xef" * (page)  # scribble over pages 3-6, keep the header
    db.write_bytes(bytes(data))
    fresh = ProgressStore(db, backups=False)
    assert len(fresh.notices) == 1 and "was damaged" in fresh.notices[0]
    assert len([p for p in tmp_path.glob("progress.db.damaged-*") if p.name[-1].isdigit()]) == 1
    assert fresh.count_events("hint", "exercise-1") == 0
