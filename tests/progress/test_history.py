"""The history of graded versions: its migration keeps every older row, it is bounded, counted as quizprep's own
writes, and carried by export and import."""

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from quizprep.grading.result import CheckResult, GradeResult
from quizprep.progress import ProgressStore
from quizprep.progress import history as history_module
from quizprep.progress.history import MAX_SOURCE_BYTES, record_version, versions
from quizprep.progress.migrations import CURRENT_VERSION, MIGRATIONS
from quizprep.progress.store import _statements
from quizprep.progress.transfer import ImportProblem, export_progress, import_progress
from quizprep.services import Services

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def result(status: str, passed: int, total: int = 9) -> GradeResult:
    checks = tuple(CheckResult(f"c{i}", "pass" if i < passed else "fail") for i in range(total))
    return GradeResult("relu_grad", status, checks, 0.25)


def test_a_store_of_the_previous_schema_keeps_every_row_and_gains_the_table(tmp_path):
    db_path = tmp_path / "progress.db"
    raw = sqlite3.connect(db_path)
    for script in MIGRATIONS[:4]:  # the schema as the previous quizprep left it
        for statement in _statements(script):
            raw.execute(statement)
    raw.execute("PRAGMA user_version = 4")
    raw.execute("INSERT INTO grades (uid, exercise_id, status, passed, total, duration_s, graded_at) "
                "VALUES ('g1', 'relu_grad', 'pass', 9, 9, 0.2, '2026-01-01T00:00:00+00:00')")
    raw.execute("UPDATE meta SET value = (SELECT value FROM meta WHERE key = 'changes') WHERE key = 'signed'")
    raw.commit()
    raw.close()
    with ProgressStore(db_path, backups=False) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION == 5
        assert [r["uid"] for r in store.db.execute("SELECT uid FROM grades")] == ["g1"]
        assert store.changed_elsewhere() is None
        assert versions(store, "relu_grad") == []
        record_version(store, "relu_grad", "v1", "fail", 3, 9, 0.1)
        assert store.changed_elsewhere() is None  # quizprep's own write signs the counter


def test_each_graded_version_is_kept_an_identical_one_is_not(tmp_path):
    clock = iter(T0 + timedelta(minutes=i) for i in range(10))
    store = ProgressStore(tmp_path / "progress.db", clock=lambda: next(clock), backups=False)
    assert record_version(store, "relu_grad", b"def f(): pass\n", "fail", 0, 9, 0.1) is not None
    assert record_version(store, "relu_grad", "def f(): pass\n", "fail", 0, 9, 0.1) is None  # same text again
    assert record_version(store, "relu_grad", "def f(): return 1\n", "pass", 9, 9, 0.2) is not None
    assert record_version(store, "relu_grad", "def f(): pass\n", "fail", 0, 9, 0.1) is not None  # back to an older one
    assert record_version(store, "linear", "class Linear: ...\n", "error", 0, 29, 0.3) is not None
    kept = versions(store, "relu_grad")
    assert [(v.number, v.status, v.passed, v.total) for v in kept] == [(1, "fail", 0, 9), (2, "pass", 9, 9), (3, "fail", 0, 9)]
    assert kept[1].source == "def f(): return 1\n" and kept[1].size == 18 and kept[1].lines == 1
    assert kept[1].graded_at - kept[0].graded_at == timedelta(minutes=1)  # the skipped one took no moment of its own
    assert [v.exercise_id for v in versions(store, "linear")] == ["linear"]
    store.close()


def test_history_is_bounded_per_exercise(tmp_path, monkeypatch):
    monkeypatch.setattr(history_module, "KEPT_PER_EXERCISE", 5)
    store = ProgressStore(tmp_path / "progress.db", backups=False)
    for i in range(8):
        record_version(store, "relu_grad", f"# version {i}\n", "fail", 0, 9, 0.1)
    record_version(store, "linear", "# other\n", "fail", 0, 9, 0.1)
    assert [v.source for v in versions(store, "relu_grad")] == [f"# version {i}\n" for i in range(3, 8)]
    assert len(versions(store, "linear")) == 1  # another exercise's history is its own
    assert record_version(store, "relu_grad", "x" * (MAX_SOURCE_BYTES + 1), "fail", 0, 9, 0.1) is None
    assert len(versions(store, "relu_grad")) == 5
    store.close()


def test_services_record_the_graded_source_with_the_grade(quizprep_home):
    services = Services()
    assert services.record_grade("relu_grad", result("fail", 3), source=b"v1\n") is None
    assert services.record_grade("relu_grad", result("fail", 3), source="v1\n") is None  # graded again unchanged
    assert services.record_grade("relu_grad", result("pass", 9), source="v2\n") is None
    assert services.record_grade("relu_grad", result("pass", 9)) is None  # no source: a grade but no version
    assert len(services.store.db.execute("SELECT * FROM grades").fetchall()) == 4
    kept = services.grade_history("relu_grad")
    assert [(v.source, v.status, v.passed) for v in kept] == [("v1\n", "fail", 3), ("v2\n", "pass", 9)]
    missing = quizprep_home / "gone.py"
    assert services.record_grade("relu_grad", result("fail", 0), source=missing) is None  # unreadable: no version
    written = quizprep_home / "copy.py"
    written.write_text("v3\n")
    services.record_grade("relu_grad", result("fail", 0), source=written)
    assert [v.source for v in services.grade_history("relu_grad")] == ["v1\n", "v2\n", "v3\n"]
    services.close()


def test_a_version_written_by_another_program_is_noticed(tmp_path):
    db_path = tmp_path / "progress.db"
    store = ProgressStore(db_path, backups=False)
    record_version(store, "relu_grad", "v1", "fail", 0, 9, 0.1)
    with sqlite3.connect(db_path) as outside:
        outside.execute("UPDATE versions SET status = 'pass'")
    assert "changed by a program other than quizprep" in store.changed_elsewhere()
    store.close()


def test_export_and_import_carry_the_history_once(tmp_path):
    a = ProgressStore(tmp_path / "a.db", backups=False)
    record_version(a, "relu_grad", "v1\n", "fail", 2, 9, 0.1, at=T0)
    record_version(a, "relu_grad", "v2 — ü\n", "pass", 9, 9, None, at=T0 + timedelta(hours=1))
    data = json.loads(json.dumps(export_progress(a)))
    assert [v["source"] for v in data["versions"]] == ["v1\n", "v2 — ü\n"]
    b = ProgressStore(tmp_path / "b.db", backups=False)
    record_version(b, "relu_grad", "on b\n", "fail", 0, 9, 0.1, at=T0 + timedelta(minutes=30))
    assert import_progress(b, data)["versions"] == 2
    assert import_progress(b, data)["versions"] == 0  # the same file twice adds nothing
    assert [v.source for v in versions(b, "relu_grad")] == ["v1\n", "on b\n", "v2 — ü\n"]  # in the order they were graded
    assert versions(b, "relu_grad")[2].duration_s is None
    a.close()
    b.close()


def test_an_export_without_history_imports_and_a_bad_version_is_refused(tmp_path):
    store = ProgressStore(tmp_path / "progress.db", backups=False)
    old = {"format": "quizprep-progress", "version": 1, "grades": []}  # as a quizprep before the history wrote it
    assert import_progress(store, old)["versions"] == 0
    row = {"uid": "u1", "exercise_id": "relu_grad", "source": "x", "status": "pass", "passed": 9, "total": 9,
           "duration_s": 0.1, "graded_at": "2026-01-01T00:00:00+00:00"}
    for field, bad, says in (("status", "passed", "should be one of"), ("source", None, "missing source"),
                             ("graded_at", "2026-01-01T00:00:00", "no timezone"), ("passed", -1, "whole number"),
                             ("source", "x" * (MAX_SOURCE_BYTES + 1), "more than quizprep keeps")):
        with pytest.raises(ImportProblem, match=says):
            import_progress(store, {**old, "versions": [{**row, field: bad}]})
    assert versions(store, "relu_grad") == []  # nothing of a refused file was written
    assert import_progress(store, {**old, "versions": [row]})["versions"] == 1
    store.close()


def test_import_keeps_the_history_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(history_module, "KEPT_PER_EXERCISE", 3)
    store = ProgressStore(tmp_path / "progress.db", backups=False)
    rows = [{"uid": f"u{i}", "exercise_id": "relu_grad", "source": f"v{i}", "status": "fail", "passed": 0, "total": 9,
             "graded_at": (T0 + timedelta(minutes=i)).isoformat()} for i in range(6)]
    import_progress(store, {"format": "quizprep-progress", "version": 1, "versions": rows})
    assert [v.source for v in versions(store, "relu_grad")] == ["v3", "v4", "v5"]
    store.close()
