"""`quizprep watch`: re-grade the current exercise on every save, rustlings-style.

Says "checking…" the moment a save is seen, shows the result in place, and after a pass waits for
an explicit `n` before moving on. An untouched stub is not graded (that would only record a failed
attempt the learner never made): the exercise is shown and quizprep waits for the first save.
Keys: n next (after a pass), h hint, r re-grade now, q quit.

Saves are seen through the kernel's file events (`watchfiles`, on the file's folder, so an editor that
saves by renaming a new file over the old one is seen too), not by polling: one wait covers both the
key presses and the saves, and a save is being graded within a few tens of milliseconds of the write.
"""

from __future__ import annotations

import os
import select
import sys
import termios
import threading
import tty
from contextlib import contextmanager

from ..grading.limits import DEFAULT_TIMEOUT_S
from .text import fill, fit, render

POLL_S = 0.05  # only for a key source that cannot be waited on (a scripted one): saves are never polled
STEP_MS = 5  # how often the file-event thread looks at what the kernel reported
DEBOUNCE_MS = 40  # the events of one save (truncate, write, rename) are taken together, within this


class SaveWatcher:
    """Readable (`fileno`) once the file at `path` has been written, replaced or removed since the last `drain`.

    A thread follows the file's folder with watchfiles and writes one byte to a pipe per batch of
    events on this file; `close` stops it.
    """

    def __init__(self, path) -> None:
        self.target = os.path.realpath(path)
        self._stop = threading.Event()
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        self.error: str | None = None
        self._thread = threading.Thread(target=self._run, name="quizprep-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import watchfiles

        folder = os.path.dirname(self.target)
        for polling in (False, True):  # the kernel's events; polling only where those cannot be had
            try:
                for changes in watchfiles.watch(folder, watch_filter=lambda _change, p: os.path.realpath(p) == self.target,
                                                debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=self._stop, recursive=False,
                                                raise_interrupt=False, force_polling=polling, poll_delay_ms=50, rust_timeout=0):
                    if changes:
                        os.write(self._write, b"s")
                return
            except Exception as err:  # noqa: BLE001 - e.g. no inotify watches left: said, then polled
                self.error = f"{type(err).__name__}: {err}"
                if self._stop.is_set():
                    return

    def fileno(self) -> int:
        return self._read

    def drain(self) -> bool:
        """Whether a save was seen since the last call."""
        seen = False
        try:
            while os.read(self._read, 4096):
                seen = True
        except BlockingIOError:
            pass
        return seen

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to `timeout` seconds (None: for ever) for a save; whether one came."""
        select.select([self._read], [], [], timeout)
        return self.drain()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self._read, self._write):
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self) -> SaveWatcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _KeyReader:
    """The next key press, or None if none is waiting; `fd` is what to wait on (None: no keys at all)."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd

    def __call__(self) -> str | None:
        if self.fd is None or not select.select([self.fd], [], [], 0)[0]:
            return None
        return os.read(self.fd, 1).decode(errors="ignore")


@contextmanager
def _keys():
    """Single-key input without echo when stdin is a terminal; otherwise no keys at all."""
    if not sys.stdin.isatty():
        yield _KeyReader(None)
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        yield _KeyReader(fd)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _wait(key, saves: SaveWatcher) -> bool:
    """Block until a key is pressed or the file is saved; whether it was saved."""
    fds = [saves.fileno()]
    if getattr(key, "fd", None) is not None:
        fds.append(key.fd)
    select.select(fds, [], [], None if hasattr(key, "fd") else POLL_S)
    return saves.drain()


def _clear() -> None:
    if sys.stdout.isatty():
        sys.stdout.write("\033[2J\033[H")


def watch(services, exercise, *, timeout: float = DEFAULT_TIMEOUT_S) -> int:
    """Watch exercises from `exercise` on; returns when the learner quits or finishes the last one."""
    catalogue = services.exercises
    index = [e.id for e in catalogue].index(exercise.id)
    with _keys() as key:
        while index < len(catalogue):
            if not _watch_one(services, index, key, timeout):
                return 0
            index += 1
    print("that was the last exercise — well done.")
    return 0


def _watch_one(services, index: int, key, timeout: float) -> bool:
    """Watch one exercise until the learner moves on after a pass (True) or quits (False)."""
    from ..grading.report import format_grade
    from ..grading.warm_client import WarmGrader
    from ..grading.workspace import is_started
    from .common import record, record_grade
    from .exercises import workspace

    catalogue = services.exercises
    exercise = catalogue[index]
    head = f"[{index + 1}/{len(catalogue)}]"
    path = workspace(exercise)
    grader = WarmGrader(exercise, timeout=timeout)
    passed = False
    hints_shown = 0
    footer = f"\nwatching {path}\nsave to re-grade · h hint · r re-grade · q quit"
    saves = SaveWatcher(path)
    force = is_started(exercise)  # an untouched stub waits for the first save
    if not force:
        _clear()
        print(f"{head} {exercise.id} — {exercise.title}")
        instructions = exercise.instructions()
        if instructions:
            print("\n" + render(instructions) + "\n")
        print(fill(f"your copy is still the stub: implement it in {path} and save — it is graded on every save"))
        print(footer, flush=True)
    try:
        saved = False
        while True:
            if force or saved:  # every save is graded, even one that keeps the size and the second of the last
                force = False
                _clear()
                print(f"{head} {exercise.id} — {exercise.title}\nchecking…", flush=True)
                source = _read(path)  # the version graded, kept in its history
                result = grader.grade(path)
                record_grade(services, exercise.id, result, source=source)
                _clear()
                print(fit(f"{head} " + format_grade(result, title=f"{exercise.id} — {exercise.title}")))
                passed = result.status == "pass"
                if passed:
                    print("\nall checks pass — press n for the next exercise (or keep improving and save again)")
                print(footer, flush=True)
            k = key()
            if k == "q":
                return False
            if k == "r":
                force = True
            elif k == "h":
                if not exercise.hints:
                    print("this exercise has no hints", flush=True)
                else:
                    hints_shown = min(hints_shown + 1, len(exercise.hints))
                    record(services.store.record_event, "hint", exercise.id, str(hints_shown))
                    for i in range(hints_shown):
                        print(fill(exercise.hints[i], f"hint {i + 1}/{len(exercise.hints)}: ", "  "), flush=True)
            elif k == "n":
                if passed:
                    return True
                print("pass every check first (or quit with q)", flush=True)
            saved = False if force else _wait(key, saves)  # r re-grades at once
    finally:
        saves.close()
        grader.close()


def _read(path) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None
