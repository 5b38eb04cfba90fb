"""The store never loses or silently changes a learner's data: undo, locks, racing rescues, outside writes."""

import multiprocessing
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from quizprep.progress import ProgressStore, StoreBusy, StoreUnavailable
from quizprep.progress import store as store_module
from quizprep.progress.reviews import record_answer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def answer(store, qid, correct=True, at=T0):
    return record_answer(store, question_id=qid, topic="t", qtype="single", correct=correct, score=1.0 if correct else 0.0,
                         seconds=30, at=at).uid


def card(store, qid):
    row = store.db.execute("SELECT data, due, last_review, introduced_at FROM cards WHERE key = ?", (f"q:{qid}",)).fetchone()
    return None if row is None else tuple(row)


# -- 5: undo takes back this session's answer, never simply the newest row -----------------------
def test_undo_in_one_session_keeps_the_other_sessions_answer(tmp_path):
    db = tmp_path / "progress.db"
    mine, theirs = ProgressStore(db, backups=False), ProgressStore(db, backups=False)
    my_uid = answer(mine, "q1")
    their_uid = answer(theirs, "q2", at=T0 + timedelta(seconds=5))  # the newest row in the file is theirs
    undone = mine.undo_answer(my_uid)
    assert undone["uid"] == my_uid
    uids = {r[0] for r in mine.db.execute("SELECT uid FROM answers")}
    assert uids == {their_uid}
    assert card(mine, "q1") is None and card(mine, "q2") is not None  # q1 was new: its card is gone again


def test_undo_of_an_unknown_uid_changes_nothing(tmp_path):
    store = ProgressStore(tmp_path / "p.db", backups=False)
    answer(store, "q1")
    before = card(store, "q1")
    assert store.undo_answer("no-such-uid") is None
    assert card(store, "q1") == before and store.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1


def test_undo_restores_the_card_exactly_even_when_another_session_answered_the_same_question_since(tmp_path):
    db = tmp_path / "progress.db"
    mine, theirs = ProgressStore(db, backups=False), ProgressStore(db, backups=False)
    answer(mine, "q1", correct=True, at=T0)
    after_first = card(mine, "q1")
    my_uid = answer(mine, "q1", correct=False, at=T0 + timedelta(days=3))
    answer(theirs, "q1", correct=True, at=T0 + timedelta(days=4))
    mine.undo_answer(my_uid)
    # independent reference: a separate store that only ever saw the two answers that remain
    ref = ProgressStore(tmp_path / "ref.db", backups=False)
    answer(ref, "q1", correct=True, at=T0)
    assert card(ref, "q1") == after_first
    answer(ref, "q1", correct=True, at=T0 + timedelta(days=4))
    assert card(mine, "q1") == card(ref, "q1")
    # and undoing the remaining later answer puts the card back to just after the first one
    their_uid = mine.db.execute("SELECT uid FROM answers ORDER BY id DESC LIMIT 1").fetchone()[0]
    mine.undo_answer(their_uid)
    assert card(mine, "q1") == after_first


def test_undo_of_a_first_answer_keeps_a_later_one_and_its_card(tmp_path):
    db = tmp_path / "progress.db"
    mine, theirs = ProgressStore(db, backups=False), ProgressStore(db, backups=False)
    my_uid = answer(mine, "q1", correct=False, at=T0)
    answer(theirs, "q1", correct=True, at=T0 + timedelta(hours=1))
    mine.undo_answer(my_uid)
    ref = ProgressStore(tmp_path / "ref.db", backups=False)
    answer(ref, "q1", correct=True, at=T0 + timedelta(hours=1))
    assert card(mine, "q1") == card(ref, "q1")


def _two_questions():
    from quizprep.bank import load_banks
    from quizprep.paths import bank_paths

    return [q for q in load_banks(bank_paths()).questions if q.type == "numeric"][:2]


def test_plain_quiz_undo_takes_back_its_own_answer(monkeypatch, capsys):
    from quizprep.cli import plainquiz

    q1, q2 = _two_questions()
    other = ProgressStore(backups=False)
    typed = iter(["1", ":u"])

    def fake_input(prompt=""):
        try:
            value = next(typed)
        except StopIteration:
            raise EOFError from None
        if value == ":u":  # another session answers between this answer and its undo
            answer(other, "someone-elses-question", at=T0)
        return value

    monkeypatch.setattr("builtins.input", fake_input)
    store = ProgressStore(backups=False)
    plainquiz.run_plain_quiz([q1, q2], seed=1, store=store)
    assert "last answer undone" in capsys.readouterr().out
    assert [r[0] for r in store.db.execute("SELECT question_id FROM answers")] == ["someone-elses-question"]


def test_app_undo_takes_back_its_own_answer():
    from quizprep.quiz import QuizSession
    from quizprep.services import Services

    q1, _ = _two_questions()
    mine, theirs = Services(), Services()
    session = QuizSession([q1], seed=1)
    mine.record_answer(session.answer("1"), "quiz")
    theirs_session = QuizSession([q1], seed=1)
    theirs.record_answer(theirs_session.answer("2"), "quiz")
    mine.undo_last_answer()
    rows = mine.store.db.execute("SELECT given FROM answers").fetchall()
    assert [r[0] for r in rows] == ["2"]


# -- 6: a locked database is busy, never damaged -----------------------------------------------
def _hold_exclusive(path, seconds, ready):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("BEGIN EXCLUSIVE")
    db.execute("INSERT INTO events (uid, kind, ref, detail, at) VALUES ('held', 'k', 'r', '', '2026-01-01T00:00:00+00:00')")
    ready.set()
    time.sleep(seconds)
    db.execute("COMMIT")
    db.close()


def _healthy_store(tmp_path):
    db = tmp_path / "progress.db"
    with ProgressStore(db, backups=False) as s:
        s.record_grade("relu_grad", "pass", 9, 9, 0.1)
    return db


def test_a_locked_database_is_reported_busy_and_left_where_it_is(tmp_path, monkeypatch):
    db = _healthy_store(tmp_path)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_exclusive, args=(db, 2.0, ready))  # another process, as another program would be
    holder.start()
    assert ready.wait(10)
    try:
        with pytest.raises(StoreBusy, match="locked by another program"):
            ProgressStore(db, backups=False)
    finally:
        holder.join(10)
    assert list(tmp_path.glob("progress.db.damaged-*")) == []
    assert ProgressStore(db, backups=False).ever_passed("relu_grad")  # nothing was moved, nothing lost


def test_a_lock_released_within_the_wait_opens_normally(tmp_path, monkeypatch):
    db = _healthy_store(tmp_path)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 5000)
    ready = threading.Event()
    holder = threading.Thread(target=_hold_exclusive, args=(db, 0.5, ready))
    holder.start()
    ready.wait(5)
    store = ProgressStore(db, backups=False)
    holder.join()
    assert not any("damaged" in n for n in store.notices)
    assert store.ever_passed("relu_grad") and store.count_events("k", "r") == 1  # the holder's write is there too


# -- 7: processes rescuing a damaged file together lose nothing they reported saved ---------------
def _rescue_and_write(path, tag, start, out):
    start.wait()
    store = ProgressStore(path, backups=False)
    saved = []
    for i in range(5):
        store.record_event("race", f"{tag}-{i}")
        saved.append(f"{tag}-{i}")
    store.close()
    out.put(saved)


@pytest.mark.parametrize("trial", range(30))
def test_processes_opening_a_damaged_store_at_once_lose_no_saved_write(tmp_path, trial):
    db = tmp_path / "progress.db"
    db.write_bytes(b"not a database at all\n" * 200)
    ctx = multiprocessing.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_rescue_and_write, args=(db, f"p{n}", start, out)) for n in range(4)]
    for p in procs:
        p.start()
    start.set()
    saved = [x for _ in procs for x in out.get(timeout=60)]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    refs = {r[0] for r in ProgressStore(db, backups=False).db.execute("SELECT ref FROM events WHERE kind = 'race'")}
    assert set(saved) <= refs and len(saved) == 20
    assert len([p for p in tmp_path.glob("progress.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]) == 1


# -- 8: a write quizprep did not make is noticed ----------------------------------------------
def test_a_write_made_outside_quizprep_is_noticed(tmp_path):
    db = tmp_path / "progress.db"
    store = ProgressStore(db, backups=False)
    store.record_grade("relu_grad", "fail", 3, 9, 0.1)
    assert store.changed_elsewhere() is None
    raw = sqlite3.connect(db)
    raw.execute("INSERT INTO grades (uid, exercise_id, status, passed, total, graded_at) VALUES ('x', 'relu_grad', 'pass', 9, 9, '2026-01-01')")
    raw.execute("DELETE FROM grades WHERE status = 'fail'")
    raw.commit()
    raw.close()
    assert "changed by a program other than quizprep (2 row change(s))" in store.changed_elsewhere()
    again = ProgressStore(db, backups=False)
    assert any("other than quizprep" in n for n in again.notices)
    again.record_grade("relu_grad", "pass", 9, 9, 0.1)  # quizprep's own write takes the file as it is, once said
    assert store.changed_elsewhere() is None


def test_other_quizprep_processes_are_not_outsiders(tmp_path):
    db = tmp_path / "progress.db"
    store = ProgressStore(db, backups=False)
    other = ProgressStore(db, backups=False)
    answer(other, "q1")
    other.set_setting("new_per_day", "5")
    assert store.changed_elsewhere() is None


def test_a_replaced_file_is_noticed(tmp_path):
    db = tmp_path / "progress.db"
    store = ProgressStore(db, backups=False)
    db.rename(tmp_path / "elsewhere.db")
    ProgressStore(db, backups=False).close()
    assert "replaced or removed" in store.changed_elsewhere()
    with pytest.raises(StoreUnavailable, match="replaced or removed"):  # never saved where nobody will read it
        store.record_grade("relu_grad", "pass", 9, 9, 0.1)
    assert not ProgressStore(db, backups=False).ever_passed("relu_grad")


def test_record_grade_says_when_the_store_changed_while_grading(tmp_path, capsys):
    from types import SimpleNamespace

    from quizprep.cli.common import record_grade
    from quizprep.services import Services

    store = ProgressStore(backups=False)
    raw = sqlite3.connect(store.path)
    raw.execute("DELETE FROM grades")
    raw.execute("INSERT INTO events (uid, kind, ref, detail, at) VALUES ('e', 'solution', 'relu_grad', '', '2026-01-01')")
    raw.commit()
    raw.close()
    record_grade(Services(store_factory=lambda: store), "relu_grad", SimpleNamespace(status="pass", passed=9, checks=[1] * 9, duration_s=0.1))
    err = capsys.readouterr().err
    assert "changed by a program other than quizprep" in err and "while this grade ran" in err
    assert store.ever_passed("relu_grad")


# -- 15: damaged-file recovery says where the backups are; stray logs are kept -----------------
def test_recovery_names_the_newest_backup_and_the_command_to_restore_it(tmp_path):
    db = tmp_path / "progress.db"
    with ProgressStore(db, clock=lambda: T0) as first:  # closed, so nothing of it is written back later
        first.record_grade("relu_grad", "pass", 9, 9, 0.1)
    ProgressStore(db, clock=lambda: T0).close()  # a store with something worth keeping is backed up on opening
    backup = tmp_path / "backups" / "progress-20260302-090000.db"
    assert backup.exists()
    db.write_bytes(b"scribbled over")
    for side in ("-wal", "-shm"):
        (tmp_path / f"progress.db{side}").unlink(missing_ok=True)
    store = ProgressStore(db, clock=lambda: T0 + timedelta(hours=1))
    assert len(store.notices) == 1
    assert store.notices[0].endswith(f"backups are in {tmp_path / 'backups'}; restore the newest with: quizprep import {backup}")


def test_a_write_ahead_log_without_its_database_is_kept_aside(tmp_path):
    db = tmp_path / "progress.db"
    (tmp_path / "progress.db-wal").write_bytes(b"wal frames of a lost database")
    (tmp_path / "progress.db-shm").write_bytes(b"shm")
    store = ProgressStore(db, clock=lambda: T0, backups=False)
    kept = tmp_path / "progress.db.orphan-20260302-090000-wal"
    assert kept.read_bytes() == b"wal frames of a lost database"
    assert (tmp_path / "progress.db.orphan-20260302-090000-shm").exists()
    assert any(str(kept) in n for n in store.notices)
    store.record_grade("relu_grad", "pass", 9, 9, 0.1)
    assert store.ever_passed("relu_grad")


# -- flags can be taken back -----------------------------------------------------------------
def test_remove_flag(tmp_path):
    store = ProgressStore(tmp_path / "p.db", backups=False)
    store.flag_question("q1", "wrong")
    store.flag_question("q2", "unclear")
    assert store.remove_flag("q1") == 1
    assert [r["question_id"] for r in store.flags()] == ["q2"]
    assert store.remove_flag("q1") == 0


def test_a_bad_stored_setting_falls_back_to_its_default_and_says_so(tmp_path):
    db = tmp_path / "p.db"
    ProgressStore(db, backups=False).close()
    raw = sqlite3.connect(db)  # as an older quizprep's unchecked import left it
    raw.execute("INSERT INTO settings (key, value) VALUES ('new_per_day', 'lots'), ('target_retention', '0.8')")
    raw.commit()
    raw.close()
    store = ProgressStore(db, backups=False)
    assert store.settings().new_per_day == 20 and store.settings().target_retention == 0.8
    assert any("new_per_day = 'lots'" in n and "the defaults are used" in n for n in store.notices)
