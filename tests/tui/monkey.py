"""A seeded monkey for the real app: from the home screen, press the keys the current screen's
bindings declare plus what a learner types (digits, t/f, words, enter, escape, tab, arrows, space),
and stop at the first unhandled exception or exit, saying which seed and step to replay.

Used by tests/tui/test_monkey.py (a few thousand steps per run) and benchmarks/monkey.py (longer).
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

# never pressed: they leave the app (quit), or hand the terminal to another program
NEVER = {"ctrl+q", "ctrl+c", "super+c", "ctrl+z"}
# q quits from home; pressed fast on a screen that closes with q, the second q lands on home
NEVER_ON = {name: {"q"} for name in ("HomeScreen", "SummaryScreen", "InterviewReportScreen", "HelpScreen", "TextScreen", "MarkdownScreen")}
TYPED = ["1", "2", "3", "4", "5", "9", "t", "f", "n", "y", "space", "enter", "enter", "tab", "shift+tab",
         "up", "down", "left", "right", "ctrl+s", "ctrl+u", "ctrl+f", "left_square_bracket", "right_square_bracket",
         "backspace", "pagedown", "home", "end"]
WORDS = ["0.25", "cross entropy", "hinge", "abc", "6.6e-3", "linear layers collapse into one map", "", "1e", "-3"]


class MonkeyFailure(AssertionError):
    """The app crashed or left: the seed and the last steps say how to get there again."""


@dataclass
class MonkeyRun:
    """What one seeded run did: the steps taken and the screens it saw."""

    seed: int
    steps: list[str] = field(default_factory=list)
    screens_seen: set[str] = field(default_factory=set)

    def replay_hint(self) -> str:
        return (f"monkey seed {self.seed} failed at step {len(self.steps)}; replay with "
                f"`python benchmarks/monkey.py --seed {self.seed} --steps {len(self.steps)}`; last steps: {self.steps[-12:]}")


def declared_keys(app, *, own: bool = False) -> list[str]:
    """The keys quizprep binds on the current screen (the app's, the screen's, its answer widgets'),
    minus the ones that leave. Textual's own widget keys (cursor moves, editing) are in TYPED.
    `own`: only the screen's and its widgets' (not the app's, not escape), the keys that change its state."""
    screen = app.screen
    banned = NEVER | NEVER_ON.get(type(screen).__name__, set())
    keys = []
    for key, active in screen.active_bindings.items():
        if key in banned or (type(active.node).__module__.startswith("textual.") and active.node is not app):
            continue
        if own and (active.node is app or key == "escape"):
            continue
        keys.append(key)
    return keys


def next_step(app, rng: random.Random) -> tuple[str, list[str]]:
    """A step: escape, a typed word, an answering move, a key the screen declares, or any other key."""
    from textual.screen import ModalScreen

    roll = rng.random()
    focused = app.focused
    typing = focused is not None and type(focused).__name__ in ("Input", "TextAnswer", "TextArea", "AnswerText", "CommandInput")
    leave = 0.12 if isinstance(app.screen, ModalScreen) else 0.04  # no screen keeps the monkey for long
    if roll < leave:
        return "escape", ["escape"]
    if typing and roll < 0.3:
        word = rng.choice(WORDS)
        end = rng.choice(["enter", "enter", "ctrl+s", None])
        return f"type {word!r} {end or ''}".strip(), [*(" " if c == " " else c for c in word), *([end] if end else [])]
    if roll < 0.3:  # what a learner answering does: a choice and enter, t or f, enter to go on
        keys = rng.choice([[str(rng.randint(1, 4)), "enter"], [str(rng.randint(1, 4))], ["t"], ["f"], ["enter"], ["space"]])
        return " ".join(keys), keys
    own = declared_keys(app, own=True)
    if own and roll < 0.55:
        key = rng.choice(own)
    elif roll < 0.7:
        key = rng.choice(declared_keys(app) or TYPED)
    else:
        key = rng.choice(TYPED)
    if key in NEVER or key in NEVER_ON.get(type(app.screen).__name__, set()):
        key = "escape"
    return key, [key]


async def drive(app, pilot, seed: int, steps: int, run: MonkeyRun | None = None, counts=None) -> MonkeyRun:
    """Press `steps` seeded steps; raise MonkeyFailure at the first crash or exit. `counts`: steps per screen."""
    rng = random.Random(seed)
    run = run or MonkeyRun(seed)
    for _ in range(steps):
        name = type(app.screen).__name__
        run.screens_seen.add(name)
        if counts is not None:
            counts[name] += 1
        label, keys = next_step(app, rng)
        run.steps.append(label)
        try:
            await send_keys(app, pilot, keys)
            check(app, run)
            if rng.random() < 0.05:
                await pilot.pause(0.05)  # let timers and workers land, as a person pausing would
                check(app, run)
        except MonkeyFailure:
            raise
        except Exception as error:  # Pilot re-raises the app's exception from inside press()
            raise MonkeyFailure(f"{run.replay_hint()}\n{type(error).__name__} at {where(error)}: {error}") from error
    await pilot.pause(0.1)
    check(app, run)
    return run


def where(error: BaseException) -> str:
    """The innermost quizprep frame of a traceback, as file:line in function."""
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if "quizprep" in f.filename and "/tests/" not in f.filename]
    frame = frames[-1] if frames else (traceback.extract_tb(error.__traceback__) or [None])[-1]
    return f"{frame.filename}:{frame.lineno} in {frame.name}" if frame else "?"


async def send_keys(app, pilot, keys: list[str]) -> None:
    """Press keys as a fast typist does: each key once the screen has handled the one before, with no
    idle wait between them (Pilot.press idles ~40 ms after every key, which makes a long run take hours)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
        await pilot._wait_for_screen()  # each key handled before the next, as in a terminal that keeps up
    await asyncio.sleep(0.001)


def check(app, run: MonkeyRun) -> None:
    error = app._exception
    if error is not None:
        raise MonkeyFailure(f"{run.replay_hint()}\n{type(error).__name__} at {where(error)}: {error}") from error
    if app.return_code is not None or not app.is_running:
        raise MonkeyFailure(f"the app exited (return code {app.return_code}); {run.replay_hint()}")


def store_problems(home: Path, recorded: int) -> list[str]:
    """What is wrong with the store after a run: integrity, and quiz answers vs what the screens kept."""
    db = sqlite3.connect(home / "progress.db")
    try:
        problems = []
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        stored = db.execute("SELECT COUNT(*) FROM answers WHERE mode IN ('quiz', 'review', 'practice')").fetchone()[0]
        if stored != recorded:
            problems.append(f"{stored} quiz answers stored, but the quiz screens kept {recorded} (answers minus undos)")
        return problems
    finally:
        db.close()


def track_quiz_screens(monkeypatch) -> list:
    """Every QuizScreen created from now on, so their kept answers can be counted afterwards."""
    from quizprep.tui.screens.quiz import QuizScreen

    screens: list = []
    original = QuizScreen.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        screens.append(self)

    monkeypatch.setattr(QuizScreen, "__init__", init)
    return screens


def seeded_randomness(monkeypatch, seed: int) -> None:
    """Quiz shuffles, topic picks and interview plans follow the seed too, so a seed replays the same questions."""
    import types

    from quizprep.quiz import select, session

    random.seed(seed)
    counter = iter(range(seed * 1000, seed * 1000 + 10**6))
    shim = types.SimpleNamespace(Random=lambda s=None: random.Random(next(counter) if s is None else s))
    monkeypatch.setattr(session, "random", shim)
    monkeypatch.setattr(select, "random", shim)


def quiet_environment(monkeypatch) -> None:
    """No editor, and a short grading limit, so `e` and `g` stay inside the run."""
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.setenv("VISUAL", "true")
    os.environ.setdefault("TERM", "xterm-256color")
