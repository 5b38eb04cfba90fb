"""The code written in a plain-terminal mock interview: stored with the report, printed in it beside the
grade (numbered as in the file, within 80 columns), and shown again with `interview --show N`."""

from quizprep.cli import main
from quizprep.paths import home
from quizprep.progress import ProgressStore
from quizprep.progress.interviews import history
from quizprep.services import Services

from ..quiz.test_interview import ScriptedLearner

SEED, MINUTES = 4, 30  # one coding item


def coding_exercise():
    session = Services().new_interview(MINUTES, SEED)
    return next(i.exercise for i in session.items if i.kind == "exercise")


class Coder(ScriptedLearner):
    """Answers every question; on the coding item writes `code` into its file and grades it; stops after `stop_at` answers."""

    def __init__(self, monkeypatch, code, stop_at):
        super().__init__(monkeypatch, stop_at=stop_at, stop=EOFError)
        self.code = code
        self.graded = 0

    def input(self, prompt=""):
        if self.graded:
            return "s"  # graded once: move on
        [path] = (home() / "interview").glob("*.py")
        path.write_text(self.code)
        self.graded += 1
        return ""  # enter: grade it


def test_the_code_of_a_cli_coding_item_is_stored_and_printed_in_the_report(monkeypatch, capsys):
    exercise = Services().exercise(coding_exercise())
    wrong = exercise.stub.read_text().replace("raise NotImplementedError", "return None  # " + "x" * 90, 1)
    Coder(monkeypatch, wrong, stop_at=4)
    assert main(["interview", "--minutes", str(MINUTES), "--seed", str(SEED)]) == 0
    out = capsys.readouterr().out
    [stored] = history(ProgressStore())
    [item] = [i for i in stored["report"]["items"] if i["kind"] == "exercise"]
    assert item["code"] == wrong and item["status"] in ("fail", "error")
    assert f"{exercise.id} — latest grade: {item['status']}" in out
    numbered = [line for line in out.splitlines() if " │ " in line]
    line_of_return = next(n for n, text in enumerate(wrong.splitlines(), 1) if "return None" in text)
    assert any(line.startswith(f"{line_of_return:>5} │ ") and "return None" in line for line in numbered)
    assert not any('"""' in line for line in numbered[:1])  # the contract's docstring is left out
    assert all(len(line) <= 80 for line in out.splitlines() if " │ " in line)  # the long line wraps under the gutter
    assert any(line.startswith("      │ ") for line in numbered)

    assert main(["interview", "--history"]) == 0
    listed = capsys.readouterr().out
    assert listed.splitlines()[0].startswith("  1  ") and "--show N" in listed
    assert main(["interview", "--show", "1"]) == 0
    shown = capsys.readouterr().out
    assert f"seed {SEED}" in shown and f"{exercise.id} — latest grade: {item['status']}" in shown and "return None" in shown
    assert main(["interview", "--show", "-1"]) == 0
    assert capsys.readouterr().out == shown


def test_show_out_of_range_is_one_line(capsys):
    assert main(["interview", "--show", "1"]) == 2
    err = capsys.readouterr().err
    assert "no mock interviews yet" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_file_as_it_stands_is_kept_when_the_input_closes_during_the_coding_item(monkeypatch, capsys):
    exercise = Services().exercise(coding_exercise())
    mine = exercise.stub.read_text() + "\n# started on it\n"

    class Stops(ScriptedLearner):
        def input(self, prompt=""):
            [path] = (home() / "interview").glob("*.py")
            path.write_text(mine)
            raise EOFError  # the input closed while coding

    Stops(monkeypatch)
    assert main(["interview", "--minutes", str(MINUTES), "--seed", str(SEED)]) == 0
    capsys.readouterr()
    [stored] = history(ProgressStore())
    [item] = [i for i in stored["report"]["items"] if i["kind"] == "exercise"]
    assert (item["code"], item["status"], item["answered"]) == (mine, "not graded", False)
