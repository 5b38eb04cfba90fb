"""The README's two commands are the contract; CI must run the test one verbatim."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```sh\n")[1:3]
    return [b.split("\n```")[0].strip() for b in blocks]


def test_readme_has_an_install_and_start_command_then_a_test_command():
    start, test = _commands()
    assert start.endswith("&& quizprep")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    _, test = _commands()
    ci_lines = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test in ci_lines
