"""The core imports nothing heavy: no Textual, and no numpy or pytest just to read banks."""

import os
import subprocess
import sys


def test_core_does_not_pull_in_textual_or_heavy_modules():
    code = (
        "import sys, quizprep.bank, quizprep.quiz, quizprep.paths;"
        "print(sorted(m for m in ('textual', 'numpy', 'pytest', 'fsrs') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_app_module_and_grading_front_import_no_numpy_pytest_or_fsrs():
    code = (
        "import sys, quizprep.tui.app, quizprep.grading, quizprep.grading.warm_client;"
        "print(sorted(m for m in ('numpy', 'pytest', 'fsrs') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_home_screen_loads_no_editor_highlighting_chart_or_grader(tmp_path):
    """Up to the home screen's figures: no tree-sitter (the workbench's), no plotext (the progress chart), no numpy/pytest."""
    code = (
        "import sys\n"
        "from quizprep.tui.app import QuizprepApp\n"
        "from quizprep.tui.screens.home import HomeScreen\n"
        "shown = HomeScreen._show\n"
        "def show(self, *a, **k):\n"
        "    shown(self, *a, **k)\n"
        "    self.app.exit(sorted(m for m in ('tree_sitter', 'textual_plotext', 'plotext', 'numpy', 'pytest')\n"
        "                         if m in sys.modules or any(k.startswith(m + '.') for k in sys.modules)))\n"
        "HomeScreen._show = show\n"
        "print(QuizprepApp().run(headless=True, size=(80, 24)))\n"
    )
    env = {**os.environ, "QUIZPREP_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"
