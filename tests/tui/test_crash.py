"""After an unexpected error the app exits non-zero, says so in one line, and keeps the traceback in a crash log."""

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from quizprep.tui.app import QuizprepApp, crash_message

from .conftest import fixture_services

TMUX = shutil.which("tmux")

BROKEN_APP = """
import sys
from quizprep.tui import app

def broken(self):
    raise ZeroDivisionError("a test-made failure")

app.QuizprepApp.action_review = broken
from quizprep.cli import main  # noqa: E402  the same way in as `quizprep` with no verb

code = main([])
open(sys.argv[1], "w").write(str(code))
"""


async def test_an_error_in_an_action_is_logged_and_ends_the_app_with_status_1(bank_dir, quizprep_home, monkeypatch):
    def broken(self):
        raise ZeroDivisionError("a test-made failure")

    monkeypatch.setattr(QuizprepApp, "action_review", broken)
    app = QuizprepApp(fixture_services([bank_dir]), animate=False)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r")
            await pilot.pause()
    assert app.return_code == 1
    log = (quizprep_home / "crash.log").read_text()
    assert "ZeroDivisionError: a test-made failure" in log and "in broken" in log
    message = crash_message(app)
    assert "\n" not in message and "ZeroDivisionError: a test-made failure" in message and str(quizprep_home / "crash.log") in message


@pytest.mark.skipif(TMUX is None, reason="needs tmux (CI installs it; `apt-get install tmux` to run this locally)")
def test_the_real_app_exits_1_with_one_line_after_a_crash(tmp_path, quizprep_home):
    script = tmp_path / "broken_app.py"
    script.write_text(BROKEN_APP)
    code_file = tmp_path / "code"
    session = f"quizprep-crash-{uuid.uuid4().hex[:8]}"
    # the pane stays open after the app ends, to read what it printed
    command = f"env QUIZPREP_HOME={quizprep_home} TERM=xterm-256color {sys.executable} {script} {code_file}; sleep 60"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command], check=True)
    try:
        deadline = time.monotonic() + 30
        while "Due for review" not in subprocess.run(["tmux", "capture-pane", "-t", session, "-p"], capture_output=True,
                                                     text=True).stdout:
            assert time.monotonic() < deadline, "the app never showed its home screen"
            time.sleep(0.2)
        subprocess.run(["tmux", "send-keys", "-t", session, "r"], check=True)
        while not code_file.exists():
            assert time.monotonic() < deadline + 30, "the app did not stop after the error"
            time.sleep(0.2)
        time.sleep(0.3)
        pane = subprocess.run(["tmux", "capture-pane", "-J", "-t", session, "-p"], capture_output=True, text=True).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert code_file.read_text() == "1"
    err = [line for line in pane.splitlines() if line.strip()]
    assert len(err) == 1, pane
    assert "ZeroDivisionError: a test-made failure" in err[0] and "crash.log" in err[0]
    assert "Traceback" in (quizprep_home / "crash.log").read_text()
    assert os.path.getsize(quizprep_home / "crash.log") > 0
