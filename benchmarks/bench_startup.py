"""Time to the first frame: quizprep's home screen against a minimal Textual app, same run.

Each is started as a fresh process that exits as soon as its first screen has been painted
(headless), best of several interleaved runs. Target: quizprep within 1.5x of the minimal app.

Run: python benchmarks/bench_startup.py [RUNS]
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

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True, size=(80, 24))
"""

QUIZPREP = """
from quizprep.tui.app import QuizprepApp

class FirstFrame(QuizprepApp):
    def on_mount(self):
        self.call_after_refresh(self.exit)  # once the home screen (the default screen) is painted

FirstFrame().run(headless=True, size=(80, 24))
"""


def timed(code: str, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QUIZPREP_HOME": home}
        timed(QUIZPREP, env)  # first run creates the home; not counted
        minimal, ours = [], []
        for _ in range(runs):
            minimal.append(timed(MINIMAL, env))
            ours.append(timed(QUIZPREP, env))
    for label, times in (("minimal Textual app", minimal), ("quizprep home screen", ours)):
        print(f"{label:<22} best {min(times) * 1000:7.1f} ms, median {statistics.median(times) * 1000:7.1f} ms")
    print(f"ratio (best): {min(ours) / min(minimal):.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
