"""`quizprep watch`: re-grade the current exercise on every save, rustlings-style.

Says "checking…" the moment a save is seen, shows the result in place, and after a pass waits for
an explicit `n` before moving on. An untouched stub is not graded (that would only record a failed
attempt the learner never made): the exercise is shown and quizprep waits for the first save.
Keys: n next (after a pass), h hint, r re-grade now, q quit.
"""

from __future__ import annotations

import os
import select
import sys
import termios
import time
import tty
from contextlib import contextmanager

from ..grading.limits import DEFAULT_TIMEOUT_S
from .text import fill, fit, render

POLL_S = 0.05


def _signature(path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


@contextmanager
def _keys():
    """Single-key input without echo when stdin is a terminal; otherwise no keys at all."""
    if not sys.stdin.isatty():
        yield lambda: None
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        def read():
            ready, _, _ = select.select([fd], [], [], 0)
            return os.read(fd, 1).decode(errors="ignore") if ready else None
        yield read
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


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
    last_sig = None
    force = is_started(exercise)  # an untouched stub waits for the first save
    if not force:
        last_sig = _signature(path)
        _clear()
        print(f"{head} {exercise.id} — {exercise.title}")
        instructions = exercise.instructions()
        if instructions:
            print("\n" + render(instructions) + "\n")
        print(fill(f"your copy is still the stub: implement it in {path} and save — it is graded on every save"))
        print(footer, flush=True)
    try:
        while True:
            sig = _signature(path)
            if force or sig != last_sig:
                last_sig, force = sig, False
                _clear()
                print(f"{head} {exercise.id} — {exercise.title}\nchecking…", flush=True)
                result = grader.grade(path)
                record_grade(services, exercise.id, result)
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
            time.sleep(POLL_S)
    finally:
        grader.close()
