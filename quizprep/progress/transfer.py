"""Export all progress as one JSON object, and merge such an object back in (idempotently).

This is the backup and the way to move machines: every event row carries a uid, so importing the
same file twice adds nothing; a card is taken from the file only when it was reviewed more recently.
Graded versions of the learner's files (`versions`) travel too, pruned as the store prunes them; an
export without them (an older quizprep's) imports none, and an older quizprep ignores the list.
An import is checked row by row before anything is written, and then written in one transaction.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import StoreError
from .history import prune
from .rows import RowProblem, check_row, check_settings
from .store import ProgressStore, iso, new_uid

FORMAT = "quizprep-progress"
VERSION = 1
TABLES = {  # list name -> (table, columns)
    "answers": ("answers", ("uid", "question_id", "topic", "correct", "score", "given", "seconds", "mode", "answered_at", "rating",
                            "card_before")),
    "grades": ("grades", ("uid", "exercise_id", "status", "passed", "total", "duration_s", "graded_at")),
    "events": ("events", ("uid", "kind", "ref", "detail", "at")),
    "flags": ("flags", ("uid", "question_id", "reason", "note", "flagged_at")),
    "interviews": ("interviews", ("uid", "started_at", "minutes", "seed", "score", "right", "total", "report")),
    "versions": ("versions", ("uid", "exercise_id", "source", "status", "passed", "total", "duration_s", "graded_at")),
}
REQUIRED = {
    "answers": ("uid", "question_id", "topic", "correct", "score", "answered_at"),
    "grades": ("uid", "exercise_id", "status", "passed", "total", "graded_at"),
    "events": ("uid", "kind", "ref", "at"),
    "flags": ("uid", "question_id", "reason", "flagged_at"),
    "interviews": ("uid", "started_at", "minutes", "seed", "score", "right", "total", "report"),
    "cards": ("key", "kind", "ref", "card", "due", "introduced_at"),
    "versions": ("uid", "exercise_id", "source", "status", "passed", "total", "graded_at"),  # absent from older exports: none
}
CARD_COLUMNS = ("key", "kind", "ref", "data", "due", "last_review", "introduced_at")


class ImportProblem(ValueError):
    """The file cannot be imported; the message says where and what to do. Nothing was written."""


def export_progress(store: ProgressStore) -> dict:
    """All progress as one JSON-ready object."""
    out: dict = {"format": FORMAT, "version": VERSION, "exported_at": iso(store.clock())}
    for name, (table, columns) in TABLES.items():
        rows = store.db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
        out[name] = [dict(zip(columns, row, strict=False)) for row in rows]
        if name == "answers":
            for a in out[name]:
                a["correct"] = bool(a["correct"])
    out["cards"], unreadable = [], []
    for r in store.db.execute(f"SELECT {', '.join(CARD_COLUMNS)} FROM cards ORDER BY key"):
        try:
            card = json.loads(r["data"])
        except (TypeError, ValueError, RecursionError):  # kept as it is, beside the others: an import does not take it
            unreadable.append({c: r[c] for c in CARD_COLUMNS})
            continue
        out["cards"].append({"key": r["key"], "kind": r["kind"], "ref": r["ref"], "card": card, "due": r["due"],
                             "last_review": r["last_review"], "introduced_at": r["introduced_at"]})
    if unreadable:
        out["unreadable_cards"] = unreadable
    out["settings"] = {r["key"]: r["value"] for r in store.db.execute("SELECT key, value FROM settings")}
    return out


def _check(data, source: str) -> dict:
    """Every row of an export checked and normalised, or ImportProblem naming the first bad one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem(f"{source}: not a quizprep progress export (expected \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version > VERSION:
        raise ImportProblem(f"{source}: export version {version!r} is not one this quizprep reads ({VERSION}) — "
                            "upgrade quizprep")
    checked: dict = {}
    for name in REQUIRED:
        items = data.get(name, [])
        if not isinstance(items, list):
            raise ImportProblem(f"{source}: `{name}` should be a list")
        rows = []
        for i, item in enumerate(items):
            try:
                rows.append(check_row(name, item))
            except RowProblem as err:
                raise ImportProblem(f"{source}: {name}[{i}]{'' if str(err).startswith('.') else ' '}{err}") from None
        checked[name] = rows
    try:
        checked["settings"] = check_settings(data.get("settings") or {})
    except RowProblem as err:
        raise ImportProblem(f"{source}: settings{'' if str(err).startswith('.') else ' '}{err}") from None
    return checked


def import_progress(store: ProgressStore, data: dict, *, source: str = "the import") -> dict[str, int]:
    """Merge an export into the store in one transaction, all of it or nothing; returns how many rows of each kind were new.

    Every row is checked first (ImportProblem names the first bad one and nothing is written); a row
    whose uid the store already has is the same row, imported before, and is skipped.
    """
    checked = _check(data, source)
    added = {}
    with store.write() as db:
        for name, (table, columns) in TABLES.items():
            n = 0
            for item in checked[name]:
                cur = db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                                 "ON CONFLICT(uid) DO NOTHING", [item[c] for c in columns])
                n += cur.rowcount
            added[name] = n
        for exercise_id in {v["exercise_id"] for v in checked["versions"]}:
            prune(db, exercise_id)  # the history stays as bounded as the store's own writes keep it
        n = 0
        for c in checked["cards"]:
            row = db.execute("SELECT last_review FROM cards WHERE key = ?", (c["key"],)).fetchone()
            incoming = c["last_review"] or ""
            if row is None or (incoming and incoming > (row["last_review"] or "")):
                db.execute(
                    "INSERT INTO cards (key, kind, ref, data, due, last_review, introduced_at) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT(key) DO UPDATE SET data = excluded.data, due = excluded.due, last_review = excluded.last_review",
                    (c["key"], c["kind"], c["ref"], c["card"], c["due"], c["last_review"], c["introduced_at"]),
                )
                n += 1
        added["cards"] = n
        added["versions"] = added.pop("versions")  # said last: "… 0 new cards, 0 new versions"
        for key, value in checked["settings"].items():
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (key, value))
    return added


def read_backup(path: Path) -> dict:
    """The progress in a database file (one of the automatic backups, or a damaged file moved aside) as an export.

    The file is copied first, so reading it (and migrating the copy) never changes the backup itself.
    """
    with tempfile.TemporaryDirectory(prefix="quizprep-restore-") as tmp:
        copy = Path(tmp) / "progress.db"
        try:
            shutil.copyfile(path, copy)
            for side in ("-wal", "-shm"):
                if path.with_name(path.name + side).exists():
                    shutil.copyfile(path.with_name(path.name + side), copy.with_name(copy.name + side))
        except OSError as err:
            raise ImportProblem(f"cannot read {path}: {err.strerror or err}") from None
        try:
            store = ProgressStore(copy, backups=False)
        except StoreError as err:
            raise ImportProblem(f"{path}: {err}") from None
        with store:
            if any("damaged" in n for n in store.notices):
                raise ImportProblem(f"{path}: this database is damaged; try an older backup")
            return export_progress(store)


class ExportProblem(ValueError):
    """The export cannot be written where asked; the message says why and what to do. Nothing was changed."""


def _is_store_file(real: Path, store_path: Path) -> bool:
    db = Path(os.path.realpath(store_path))
    if real.parent == db.parent / "backups":
        return True
    return real.parent == db.parent and (real.name == db.name or real.name.startswith(db.name + ".") or real.name.startswith(db.name + "-"))


def _os_problem(target: Path, err: OSError) -> ExportProblem:
    if err.errno == errno.ENOSPC:
        why = "the disk is full — free some space or choose another disk"
    elif err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "you may not write there — choose a folder of your own"
    elif err.errno == errno.ENOENT:
        why = f"the folder {target.parent} does not exist — create it or choose another place"
    else:
        why = f"{err.strerror or err} — choose another place"
    return ExportProblem(f"cannot write {target}: {why}")


def write_export(text: str, target: Path, *, store_path: Path) -> Path:
    """Write an export to `target`; returns the file written.

    A regular file is replaced atomically (through a temporary file beside it, removed on any error);
    a symlink keeps pointing where it did and its target is the file replaced; anything that is not a
    regular file (a FIFO, a device such as /dev/null) is written through, never replaced. The store's
    own files (the database, its -wal/-shm, its backups) are refused.
    """
    try:
        st = os.stat(target)  # follows symlinks: /dev/stdout is the pipe or terminal it points to
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise _os_problem(target, err) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ExportProblem(f"{target} is a folder — give a file name, e.g. {Path(target) / 'progress.json'}")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as err:
            raise _os_problem(target, err) from None
        return Path(target)
    real = Path(os.path.realpath(target))
    if _is_store_file(real, store_path):
        raise ExportProblem(f"{target} is one of your progress store's own files — export to another file, e.g. progress.json")
    if not real.parent.is_dir():
        raise ExportProblem(f"cannot write {target}: the folder {real.parent} does not exist — create it or choose another place")
    tmp = real.with_name(f".{real.name}.{os.getpid()}-{new_uid()[:8]}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IMODE(st.st_mode) if st is not None else 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, real)
    except BaseException as err:
        tmp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise _os_problem(target, err) from None
        raise
    return real
