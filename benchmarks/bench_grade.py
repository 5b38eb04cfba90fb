"""Grading speed.

1. `quizprep grade relu_grad --file exercises/relu_grad/solution.py` against the floor `python -m pytest -q` on a
   one-test numpy file, both as fresh processes, best of several interleaved runs. Target: ratio <= 1.3.
2. Watch mode: save-to-result, from the write through the file event `quizprep watch` waits on
   (`SaveWatcher`) to the warm grader's result (median of several). Target: <= 150 ms.

Run: python benchmarks/bench_grade.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLOOR_TEST = """\
import numpy as np


def test_relu_grad():
    x = np.linspace(-3.0, 3.0, 7)
    assert np.array_equal((x > 0).astype(np.float64), np.array([0, 0, 0, 0, 1, 1, 1.0]))
"""


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "test_floor.py").write_text(FLOOR_TEST)
        env = {**os.environ, "QUIZPREP_HOME": str(tmp / "home")}
        floor_cmd = [sys.executable, "-m", "pytest", "-q", "test_floor.py"]
        ours_cmd = [sys.executable, "-m", "quizprep", "grade", "relu_grad", "--file", str(ROOT / "exercises" / "relu_grad" / "solution.py")]
        check = subprocess.run(ours_cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        # quizprep's grader never loads third-party pytest plugins; the strict floor does not either
        strict_env = {**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        floor, strict, ours = [], [], []
        for _ in range(runs):
            floor.append(timed(floor_cmd, tmp, env))
            strict.append(timed(floor_cmd, tmp, strict_env))
            ours.append(timed(ours_cmd, ROOT, env))
        for label, times in (("floor  python -m pytest -q (one numpy test)", floor),
                             ("strict floor, plugin autoload off        ", strict),
                             ("quizprep grade relu_grad (reference)     ", ours)):
            print(f"{label}: best {min(times) * 1000:7.1f} ms, median {statistics.median(times) * 1000:7.1f} ms")
        print(f"ratio (best): {min(ours) / min(floor):.2f}x against the floor, {min(ours) / min(strict):.2f}x against the strict floor"
              " (target <= 1.3x)")

        os.environ["QUIZPREP_HOME"] = str(tmp / "home")
        from quizprep.cli.watch import SaveWatcher
        from quizprep.grading import find_exercise
        from quizprep.grading.warm_client import WarmGrader

        exercise = find_exercise("relu_grad")
        learner = tmp / "relu_grad.py"
        learner.write_text((ROOT / "exercises" / "relu_grad" / "solution.py").read_text())
        with WarmGrader(exercise) as grader, SaveWatcher(learner) as saves:
            grader.grade(learner)  # start-up, paid once when the exercise opens
            time.sleep(0.2)
            seen, times = [], []
            for i in range(runs * 2):
                start = time.perf_counter()
                learner.write_text((ROOT / "exercises" / "relu_grad" / "solution.py").read_text() + f"\n# edit {i}\n")
                assert saves.wait(5.0), "the save was not seen"
                seen.append(time.perf_counter() - start)
                result = grader.grade(learner)
                times.append(time.perf_counter() - start)
                assert result.status == "pass", result
        print(f"watch save-to-result: median {statistics.median(times) * 1000:.1f} ms, of which the save was seen after "
              f"{statistics.median(seen) * 1000:.1f} ms (target <= 150 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
