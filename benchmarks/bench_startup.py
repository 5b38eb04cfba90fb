"""Time to the first frame: quizprep's home screen against a minimal Textual app, same run.

Each is started as a fresh process; the time is from starting it to the moment it says (on stdout) that
its first screen has been painted (headless), best of several interleaved runs. Target: quizprep within
1.5x of the minimal app. Also shown, without a target: when the home screen's figures (due, plan,
readiness, computed in a worker after the first frame) are on screen, and the whole run until exit.

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
        self.call_after_refresh(self.painted)

    def painted(self):
        print("frame", flush=True)
        print("figures", flush=True)
        self.exit()

Minimal().run(headless=True, size=(80, 24))
"""

QUIZPREP = """
from quizprep.tui.app import QuizprepApp
from quizprep.tui.screens.home import HomeScreen

shown = HomeScreen._show

def show_and_say(self, *args, **kwargs):
    shown(self, *args, **kwargs)
    print("figures", flush=True)
    self.app.exit()

HomeScreen._show = show_and_say

class FirstFrame(QuizprepApp):
    def on_mount(self):
        self.call_after_refresh(lambda: print("frame", flush=True))  # the home screen (the default) is painted

FirstFrame().run(headless=True, size=(80, 24))
"""


def timed(code: str, env: dict) -> tuple[float, float, float]:
    """Seconds from start to the first frame, to the figures, and to the exit."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    marks = {}
    for line in child.stdout:
        marks.setdefault(line.strip(), time.perf_counter() - start)
    if child.wait() != 0 or not {"frame", "figures"} <= marks.keys():
        raise SystemExit(f"the app did not start cleanly (exit {child.returncode}, saw {sorted(marks)})")
    return marks["frame"], marks["figures"], time.perf_counter() - start


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
        frame = [t[0] for t in times]
        print(f"{label:<22} first frame best {min(frame) * 1000:7.1f} ms, median {statistics.median(frame) * 1000:7.1f} ms")
    print(f"{'':<22} figures on screen best {min(t[1] for t in ours) * 1000:7.1f} ms, exit best {min(t[2] for t in ours) * 1000:7.1f} ms")
    ratio = min(t[0] for t in ours) / min(t[0] for t in minimal)
    print(f"ratio (first frame, best): {ratio:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
