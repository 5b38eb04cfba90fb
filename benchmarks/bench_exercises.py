"""Every exercise's grade costs about what relu_grad's does.

For each built-in exercise, `quizprep grade ID --file <its reference> --no-record` as a fresh process,
best of several runs interleaved with relu_grad's, as a ratio to relu_grad's best. Target: <= 1.5x
for every exercise (the checks of the heavy ones use small shapes and share their sandboxed runs).

Run: python benchmarks/bench_exercises.py [runs] [ID ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = 1.5


def timed(exercise, env: dict) -> float:
    cmd = [sys.executable, "-m", "quizprep", "grade", exercise.id, "--no-record", "--file", str(exercise.solution)]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{exercise.id}: the reference does not pass:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> int:
    from quizprep.grading import load_catalogue

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    wanted = set(sys.argv[2:])
    catalogue = {e.id: e for e in load_catalogue(with_packs=False)}
    floor_exercise = catalogue["relu_grad"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"QUIZPREP_HOME": str(Path(tmp) / "home")}
        timed(floor_exercise, env)  # warm the file system caches once
        worst = 0.0
        print(f"{'exercise':22s} {'best':>8s} {'relu_grad':>10s}  ratio (each against relu_grad's runs interleaved with it)")
        for exercise in catalogue.values():
            if wanted and exercise.id not in wanted:
                continue
            floor, ours = [], []
            for _ in range(runs):
                floor.append(timed(floor_exercise, env))
                ours.append(timed(exercise, env))
            ratio = min(ours) / min(floor)
            worst = max(worst, ratio)
            print(f"{exercise.id:22s} {min(ours) * 1000:6.0f} ms {min(floor) * 1000:7.0f} ms  {ratio:4.2f}x"
                  f"{'' if ratio <= TARGET else '  over the target'}")
        print(f"worst ratio {worst:.2f}x (target <= {TARGET}x)")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
