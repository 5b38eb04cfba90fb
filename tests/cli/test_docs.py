"""The README and `--help` say what the plain terminal does: its keys, its status words, where files go."""

from pathlib import Path

from quizprep.cli import build_parser
from quizprep.cli.keys import ANSWER_KEYS, COMMANDS
from quizprep.grading.status import STATUSES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _quiz_help() -> str:
    sub = next(a for a in build_parser()._actions if a.dest == "verb")
    return sub.choices["quiz"].format_help()


def test_every_quiz_command_is_documented_in_help_and_readme():
    help_text = _quiz_help()
    for command in COMMANDS:
        assert f"`{command}`" in README, command
        assert command in help_text, command
    for keys in ANSWER_KEYS.values():
        assert keys in help_text
    assert "Type `u` to undo" not in README  # the old single-letter commands are gone


def test_every_status_word_is_in_the_readme():
    row = next(line for line in README.splitlines() if line.startswith("| `quizprep list`"))
    for word in STATUSES:
        assert word in row, word


def test_where_your_data_lives_names_the_interview_folder():
    section = README.split("## Where your data lives", 1)[1].split("\n## ", 1)[0]
    for folder in ("`progress.db`", "`workspace/`", "`interview/`"):
        assert folder in section
