"""The monkey test: the real app, driven from the home screen with seeded random keys, must never
crash or exit, and must leave a store that agrees with what its screens kept.

A failure names its seed; replay it with `python benchmarks/monkey.py --seed N`.
"""

import pytest

from quizprep.tui.app import QuizprepApp

from .conftest import fixture_services, workers_done
from .monkey import drive, quiet_environment, seeded_randomness, store_problems, track_quiz_screens

SEEDS = [1, 2, 3, 4, 5, 6, 7]
STEPS = 350  # per seed: about 2,500 steps per run in all, under a minute on two cores


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_never_crash_the_app(bank_dir, quizprep_home, monkeypatch, seed):
    quiet_environment(monkeypatch)
    seeded_randomness(monkeypatch, seed)
    quizzes = track_quiz_screens(monkeypatch)
    app = QuizprepApp(fixture_services([bank_dir]), animate=False)
    print(f"monkey seed {seed}")  # shown with the failure, to replay it
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await drive(app, pilot, seed, STEPS)
        await workers_done(app)
    kept = sum(len(q.session.records) for q in quizzes)
    assert store_problems(quizprep_home, kept) == [], run.replay_hint()
    assert len(run.screens_seen) >= 4, f"the monkey only saw {sorted(run.screens_seen)}"
