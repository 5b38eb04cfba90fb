"""The progress verbs say what went wrong in one line, never a traceback, and never replace what they should not."""

import json
import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from quizprep.cli import main
from quizprep.progress import ProgressStore, recovery
from quizprep.progress.migrations import CURRENT_VERSION

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "act-relu-grad-at-zero"


@pytest.fixture(autouse=True)
def never_replace_a_device(monkeypatch):
    """These tests write to /dev/null and /dev/full: a regression must fail them, not replace the machine's devices."""
    plain = os.replace

    def guarded(src, dst, *args, **kwargs):
        if os.path.realpath(dst).startswith("/dev/"):
            raise AssertionError(f"tried to replace the device {dst}")
        return plain(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", guarded)


def one_line(capsys, status, got):
    err = capsys.readouterr().err
    assert got == status, err
    assert err.count("\n") == 1 and err.startswith("quizprep: ") and "Traceback" not in err, err
    return err


def seeded(quizprep_home):
    with ProgressStore() as store:
        store.record_grade("relu_grad", "fail", 3, 9, 0.1)
    return quizprep_home / "progress.db"


def _patch_connect(monkeypatch, *pragmas):
    plain = recovery.connect

    def connect(path, *, timeout_s, read_only=False):
        db = plain(path, timeout_s=timeout_s, read_only=read_only)
        if not read_only:
            for pragma in pragmas:
                db.execute(pragma(db) if callable(pragma) else pragma)
        return db

    monkeypatch.setattr(recovery, "connect", connect)


# -- a read-only or full database --------------------------------------------------------------
@pytest.mark.parametrize("argv", [["config", "new_per_day", "5"], ["flag", QUESTION], ["flag", "--remove", QUESTION]])
def test_a_read_only_database_is_one_line(quizprep_home, monkeypatch, capsys, argv):
    seeded(quizprep_home)
    _patch_connect(monkeypatch, "PRAGMA query_only = 1")  # as a file the learner may not write (tests run as root)
    err = one_line(capsys, 1, main(argv))
    assert "it is read-only" in err and "nothing was saved" in err


def test_a_full_database_is_one_line(quizprep_home, monkeypatch, capsys):
    seeded(quizprep_home)
    _patch_connect(monkeypatch, lambda db: f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    err = one_line(capsys, 1, main(["flag", QUESTION, "--note", "x" * 200_000]))
    assert "the disk is full" in err


def _grade_into_one_stream(monkeypatch):
    import io
    import sys

    both = io.StringIO()
    with monkeypatch.context() as m:
        m.setattr(sys, "stdout", both)
        m.setattr(sys, "stderr", both)
        status = main(["grade", "relu_grad", "--json", "--file", str(ROOT / "exercises" / "relu_grad" / "solution.py")])
    return status, both.getvalue().splitlines()


def test_grade_prints_its_result_then_says_it_could_not_save(quizprep_home, monkeypatch):
    seeded(quizprep_home)
    _patch_connect(monkeypatch, "PRAGMA query_only = 1")
    status, lines = _grade_into_one_stream(monkeypatch)
    assert status == 0 and len(lines) == 2
    assert json.loads(lines[0])["status"] == "pass"
    assert lines[1].startswith("quizprep: not recorded:") and "read-only" in lines[1]


def test_grade_with_an_unusable_home_still_shows_the_result(tmp_path, monkeypatch):
    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setenv("QUIZPREP_HOME", str(not_a_folder))
    status, lines = _grade_into_one_stream(monkeypatch)
    assert status == 0 and len(lines) == 2
    assert json.loads(lines[0])["status"] == "pass"
    assert lines[1].startswith("quizprep: not recorded:") and "set QUIZPREP_HOME" in lines[1]


# -- a database from a newer quizprep ----------------------------------------------------------
def written_by_a_newer_quizprep(db) -> None:
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    raw.commit()
    raw.close()


@pytest.mark.parametrize("argv", [["config", "new_per_day", "5"], ["flag", QUESTION], ["import", "EXPORT"]])
def test_a_newer_database_is_one_line_for_every_writing_verb(quizprep_home, tmp_path, capsys, argv):
    export = tmp_path / "export.json"
    assert main(["export", str(export)]) == 0
    written_by_a_newer_quizprep(seeded(quizprep_home))
    capsys.readouterr()
    err = one_line(capsys, 1, main([str(export) if a == "EXPORT" else a for a in argv]))
    assert "newer quizprep" in err and "nothing was saved" in err


def test_an_interview_date_a_newer_database_cannot_take_fails_the_verb(quizprep_home, capsys):
    written_by_a_newer_quizprep(seeded(quizprep_home))
    capsys.readouterr()
    soon = (datetime.now() + timedelta(days=30)).date().isoformat()
    assert main(["plan", "--date", soon]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.splitlines()[-1].startswith("quizprep: nothing was saved:") and "newer quizprep" in err


def test_an_unusable_home_is_one_line(tmp_path, monkeypatch, capsys):
    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setenv("QUIZPREP_HOME", str(not_a_folder))
    for argv in (["stats"], ["config"], ["export"], ["flags"]):
        err = one_line(capsys, 1, main(argv))
        assert "set QUIZPREP_HOME" in err


def test_a_locked_database_is_one_line(quizprep_home, monkeypatch, capsys):
    import threading

    from quizprep.progress import store as store_module

    db = seeded(quizprep_home)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        err = one_line(capsys, 1, main(["flags"]))
    finally:
        threading.Thread(target=holder.execute, args=("COMMIT",)).run()
        holder.close()
    assert "locked by another program" in err
    assert not list(quizprep_home.glob("progress.db.damaged-*"))


# -- export writes where it is told, and only there --------------------------------------------
def test_export_to_places_it_cannot_write_is_one_line_and_leaves_no_tmp(tmp_path, monkeypatch, capsys):
    err = one_line(capsys, 1, main(["export", str(tmp_path / "missing" / "p.json")]))
    assert "does not exist" in err
    err = one_line(capsys, 1, main(["export", str(tmp_path)]))
    assert "is a folder" in err
    target = tmp_path / "p.json"
    target.write_text("the old export")
    from quizprep.progress import transfer

    def full(fd):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(transfer.os, "fsync", full)
        err = one_line(capsys, 1, main(["export", str(target)]))
    assert "the disk is full" in err
    assert target.read_text() == "the old export"  # never half-replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]  # and no .tmp left behind


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_device_is_one_line(capsys):
    err = one_line(capsys, 1, main(["export", "/dev/full"]))
    assert "the disk is full" in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs a read-only /sys")
def test_export_to_a_read_only_folder_is_one_line(capsys):
    err = one_line(capsys, 1, main(["export", "/sys/progress.json"]))
    assert "you may not write there" in err


def test_export_writes_through_what_is_not_a_regular_file(tmp_path, capsys):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    assert main(["export", str(fifo)]) == 0
    reader.join(10)
    assert json.loads(got[0])["format"] == "quizprep-progress"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe, not a file put in its place
    if Path("/dev/null").exists():
        assert main(["export", "/dev/null"]) == 0
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_through_a_symlink_keeps_the_link(tmp_path, capsys):
    real = tmp_path / "real.json"
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["export", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["format"] == "quizprep-progress"
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o640


def test_export_to_standard_output(capsys):
    assert main(["export", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "quizprep-progress"
    assert not Path("-").exists()


@pytest.mark.parametrize("name", ["progress.db", "progress.db-wal", "progress.db-shm", "backups/progress-20260101-000000.db"])
def test_export_refuses_to_write_over_the_store(quizprep_home, capsys, name):
    db = seeded(quizprep_home)
    (quizprep_home / "backups").mkdir(exist_ok=True)
    before = db.read_bytes()
    err = one_line(capsys, 1, main(["export", str(quizprep_home / name)]))
    assert "progress store's own files" in err
    assert db.read_bytes() == before
    link = quizprep_home.parent / f"sneaky-{quizprep_home.name}.json"
    link.symlink_to(db)
    one_line(capsys, 1, main(["export", str(link)]))
    assert db.read_bytes() == before and ProgressStore().last_grades()["relu_grad"]["status"] == "fail"


# -- restore from a backup, flags can be removed -----------------------------------------------
def test_a_backup_named_in_the_recovery_notice_restores_with_import(quizprep_home, capsys):
    from datetime import UTC, datetime

    clock = lambda: datetime(2026, 3, 1, tzinfo=UTC)  # noqa: E731
    with ProgressStore(clock=clock) as first:  # closed, so nothing of it is written back later
        first.record_grade("relu_grad", "pass", 9, 9, 0.1)
    ProgressStore(clock=clock).close()  # now backed up
    db = quizprep_home / "progress.db"
    db.write_bytes(b"damaged beyond reading" * 100)
    for side in ("-wal", "-shm"):
        (quizprep_home / f"progress.db{side}").unlink(missing_ok=True)
    assert main(["flags"]) == 0
    notice = capsys.readouterr().err
    command = notice.split("restore the newest with: ")[1].strip()
    assert command.startswith("quizprep import ")
    assert main(command.split()[1:]) == 0
    assert "1 new grades" in capsys.readouterr().out
    assert ProgressStore().ever_passed("relu_grad")


def test_flag_remove(capsys):
    assert main(["flag", QUESTION, "--reason", "wrong"]) == 0
    assert main(["flag", "--remove", QUESTION]) == 0
    assert f"removed the flag on {QUESTION}" in capsys.readouterr().out
    assert main(["flags"]) == 0 and "no flagged questions" in capsys.readouterr().out
    err = one_line(capsys, 1, main(["flag", "--remove", QUESTION]))
    assert "is not flagged" in err


def test_a_home_that_refuses_the_lock_file_is_one_line(quizprep_home, capsys):
    (quizprep_home / "progress.db.lock").mkdir()  # as a folder the learner may not write in would refuse the file
    err = one_line(capsys, 1, main(["stats"]))
    assert "cannot create or repair" in err and "QUIZPREP_HOME" in err


def test_export_to_dev_stdout_when_it_is_a_pipe(tmp_path):
    import subprocess
    import sys

    if not Path("/dev/stdout").exists():
        pytest.skip("needs /dev/stdout")
    env = {**os.environ, "QUIZPREP_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "quizprep", "export", "/dev/stdout"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["format"] == "quizprep-progress"  # the export alone: no message mixed into it


def test_export_keeps_a_garbage_card_aside_and_says_so(quizprep_home, tmp_path, monkeypatch, capsys):
    from quizprep.progress.reviews import record_answer

    with ProgressStore() as store:
        record_answer(store, question_id=QUESTION, topic="activations", qtype="single", correct=True, score=1.0, seconds=30)
        with store.write() as db:  # as an unchecked import by an older quizprep left it
            db.execute("INSERT INTO cards (key, kind, ref, data, due, introduced_at) VALUES "
                       "('q:x', 'question', 'x', '{not json', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')")
    out = tmp_path / "p.json"
    assert main(["export", str(out)]) == 0
    assert "1 review card(s)" in capsys.readouterr().err
    data = json.loads(out.read_text())
    assert [c["key"] for c in data["cards"]] == [f"q:{QUESTION}"]
    assert data["unreadable_cards"][0]["data"] == "{not json"
    monkeypatch.setenv("QUIZPREP_HOME", str(tmp_path / "other"))
    assert main(["import", str(out)]) == 0
    assert "1 new cards" in capsys.readouterr().out
