"""The monkey test, for as long as you like: the real app driven with seeded random keys.

Each seed runs in a fresh, empty quizprep home; the first crash or exit stops the run and prints the
seed, the step and how to replay it. Without --seed, seeds 1, 2, 3, ... run until --minutes are up.

Run: python benchmarks/monkey.py [--seed N] [--steps 2000] [--minutes 10] [--size 80x24] [--built-in-banks]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tui.conftest import BANK, FIXTURE_EXERCISES  # noqa: E402
from tests.tui.monkey import MonkeyFailure, drive, quiet_environment, seeded_randomness, store_problems, track_quiz_screens  # noqa: E402


async def one_seed(seed: int, steps: int, size: tuple[int, int], built_in: bool) -> tuple[bool, collections.Counter]:
    """Run one seed in a fresh home; True when nothing went wrong."""
    from quizprep.services import Services
    from quizprep.tui.app import QuizprepApp

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        home = Path(tmp) / "home"
        home.mkdir()
        mp.setenv("QUIZPREP_HOME", str(home))
        banks = None
        if not built_in:
            (Path(tmp) / "banks").mkdir()
            (Path(tmp) / "banks" / "demo.yaml").write_text(BANK)
            banks = [Path(tmp) / "banks"]
        quiet_environment(mp)
        seeded_randomness(mp, seed)
        quizzes = track_quiz_screens(mp)
        exercises = {} if built_in else {"exercise_paths": [FIXTURE_EXERCISES], "builtin_exercises": False}
        app = QuizprepApp(Services(bank_paths=banks, **exercises), animate=False)
        counts: collections.Counter = collections.Counter()
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                run = await drive(app, pilot, seed, steps, counts=counts)
                await app.workers.wait_for_complete()
        except MonkeyFailure as failure:
            print(failure)
            print_crash_log(home)
            return False, counts
        except Exception as error:  # the app raised on the way out: still a crash under this seed
            print(f"monkey seed {seed}: {type(error).__name__}: {error}")
            print_crash_log(home)
            return False, counts
        problems = store_problems(home, sum(len(q.session.records) for q in quizzes))
        for problem in problems:
            print(f"monkey seed {seed}: store: {problem}; {run.replay_hint()}")
        return not problems, counts


def print_crash_log(home: Path) -> None:
    """The app's crash log holds the full traceback (the terminal only ever gets one line)."""
    log = home / "crash.log"
    if log.exists():
        print(log.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, help="run this seed only")
    parser.add_argument("--steps", type=int, default=2000, help="steps per seed")
    parser.add_argument("--minutes", type=float, default=10.0, help="without --seed: stop starting new seeds after this long")
    parser.add_argument("--size", default="80x24", help="terminal size, WxH")
    parser.add_argument("--built-in-banks", action="store_true",
                        help="the built-in banks and exercises, not the demo bank and the fixture exercises")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    seeds = [args.seed] if args.seed is not None else iter(range(1, 1 << 30))
    deadline = time.monotonic() + args.minutes * 60
    total: collections.Counter = collections.Counter()
    for seed in seeds:
        started = time.monotonic()
        ok, counts = asyncio.run(one_seed(seed, args.steps, (width, height), args.built_in_banks))
        total.update(counts)
        print(f"seed {seed}: {'ok' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s; steps per screen: {dict(counts)}")
        if not ok:
            return 1
        if args.seed is None and time.monotonic() > deadline:
            break
    print(f"all seeds ok; steps per screen over the run: {dict(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
