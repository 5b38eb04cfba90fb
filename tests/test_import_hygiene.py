"""The core imports nothing heavy: no Textual, and no numpy or pytest just to read banks."""

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
