"""Plain-terminal text fits the terminal: prose wrapped at word boundaries, code kept as written and indented."""

import pytest

from quizprep.bank import check_answer, load_banks
from quizprep.cli import text
from quizprep.cli.plainquiz import read_explain, show_item, show_verdict
from quizprep.paths import bank_paths
from quizprep.quiz import QuizSession

PROSE = ("Backpropagation applies the chain rule from the loss backwards and stores each intermediate\n"
         "gradient, so a quantity shared by many weights is computed once and reused by everything\n"
         "upstream of it, which is why one backward sweep costs a small multiple of the forward pass.")
CODE = "def relu_grad(x):\n    return (x > 0).astype(float)  # a long comment that must not be re-flowed at all"
DOC = f"{PROSE}\n\n```python\n{CODE}\n```\n\n- a list item that is long enough to need wrapping at sixty and at eighty columns for sure\n- short"


@pytest.mark.parametrize("cols", [80, 60])
def test_prose_is_wrapped_at_words_and_code_is_kept(cols, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(cols))
    out = text.render(DOC, indent="  ")
    lines = out.splitlines()
    code_lines = ["      " + line for line in CODE.splitlines()]  # the indent, then four spaces for code
    assert [line for line in lines if line in code_lines] == code_lines
    prose = [line for line in lines if line not in code_lines]
    assert all(len(line) < cols for line in prose), prose
    assert " ".join(" ".join(prose).split()) == " ".join(f"{PROSE} - a list item that is long enough to need "
                                                          "wrapping at sixty and at eighty columns for sure - short".split())
    item = next(i for i, line in enumerate(lines) if line.startswith("  - a list item"))
    assert lines[item + 1].startswith("    ") and not lines[item + 1].startswith("     ")  # hanging indent under the text


def test_width_follows_the_terminal_within_bounds(monkeypatch):
    for cols, expected in ((80, 79), (60, 59), (300, text.MAX_WIDTH - 1), (5, text.MIN_WIDTH)):
        monkeypatch.setenv("COLUMNS", str(cols))
        assert text.width() == expected


def test_a_long_word_is_never_cut(monkeypatch):
    monkeypatch.setenv("COLUMNS", "30")
    word = "torch.nn.utils.clip_grad_norm_(parameters)"
    assert word in text.fill(f"call {word} after backward", "  ").splitlines()[1]


@pytest.mark.parametrize("cols", [80, 60])
def test_every_shipped_question_fits_with_its_words_whole(cols, monkeypatch, capsys):
    """Every built-in question, its choices, verdict and model answer: no prose line reaches the last column."""
    monkeypatch.setenv("COLUMNS", str(cols))
    catalog = load_banks(bank_paths())
    session = QuizSession(catalog.questions, seed=0)
    for item in session.items:
        q = item.question
        show_item(item, "[1/1]")
        if q.type == "explain":
            answers = iter(["", "1"])
            monkeypatch.setattr("builtins.input", lambda prompt="", it=answers: next(it))
            read_explain(q)
        else:
            show_verdict(q, check_answer(q, QuizSession.to_bank_response(item, _some_response(item))))
        out = capsys.readouterr().out
        if q.type == "explain":
            model = out.split("model answer:\n", 1)[1].split("\n\n", 1)[0].splitlines()
            assert model and all(line.startswith("  ") for line in model), f"{q.id}: the model answer lost its indent"
        code = _code_lines(q)
        for line in out.splitlines():
            if line.strip() in code or "`" in line and len(line.split()) == 1:
                continue
            long_words = [w for w in line.split() if len(w) > cols // 2]  # a word longer than the line may stick out
            assert len(line) < cols or long_words, f"{q.id}: {line!r}"


def _some_response(item):
    t = item.question.type
    return {"single": 0, "multiple": [0], "order": list(range(len(item.items))), "true_false": True,
            "numeric": "1", "short": "x"}[t]


def _code_lines(q) -> set[str]:
    """The lines of every code block in the question's texts, stripped (they keep their own length)."""
    lines = set()
    for field in (q.prompt, q.explanation, q.model_answer or ""):
        inside = False
        for line in field.splitlines():
            if line.strip().startswith("```"):
                inside = not inside
            elif inside or line.startswith("    "):
                lines.add(line.strip())
    return lines


@pytest.mark.parametrize("cols", [80, 60])
def test_a_formatted_report_is_fitted_line_by_line(cols, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(cols))
    report = ("relu_grad — ReLU's gradient: not yet\n  ✓ zero and signs\n\nfirst problem — input not modified:\n"
              "  your function modified its input `x` in place, so the caller's activations are now wrong; "
              "copy it first (x = x.copy()) or build a new array with np.where")
    out = text.fit(report)
    assert all(len(line) < cols for line in out.splitlines())
    assert out.split() == report.split()
    tail = out.split("first problem — input not modified:\n", 1)[1].splitlines()
    assert len(tail) > 1 and all(line.startswith("  ") for line in tail)
    assert out.startswith("relu_grad — ReLU's gradient: not yet\n  ✓ zero and signs\n\n")


def test_topics_and_list_fit_80_columns(monkeypatch, capsys):
    from quizprep.cli import main

    monkeypatch.setenv("COLUMNS", "80")
    for verb in (["topics"], ["list"]):
        assert main(verb) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines and max(len(line) for line in lines) < 80, verb


@pytest.mark.parametrize("cols", [80, 60])
def test_the_interview_report_keeps_model_answers_indented(cols, monkeypatch, capsys):
    from types import SimpleNamespace

    from quizprep.cli.interview import print_report

    monkeypatch.setenv("COLUMNS", str(cols))
    answer = " ".join(["backprop reuses every shared intermediate gradient once"] * 4)
    item = SimpleNamespace(correct=False, answered=True, kind="question", label="bp-explain", seconds=30.0, status="",
                           model_answer=answer + "\n", given="the chain rule " * 8)
    report = SimpleNamespace(right=0, total=1, score=0.0, timed_out=False, by_topic={"backprop": (0, 1)}, items=[item],
                             work_on=["backprop"])
    print_report(report)
    out = capsys.readouterr().out
    model = out.split("  model answer:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(model) > 1 and all(line.startswith("    ") and len(line) < cols for line in model)
    assert " ".join(" ".join(model).split()) == answer


@pytest.mark.parametrize("cols", [80, 60])
def test_stats_fits_the_terminal(cols, monkeypatch, capsys):
    """What to study next and the readiness sentence are the longest lines `stats` prints: wrapped too."""
    from datetime import date, timedelta

    from quizprep.cli import main
    from quizprep.progress.scheduler import study_day
    from quizprep.progress.store import utc_now

    today = date.fromisoformat(study_day(utc_now(), 4))
    assert main(["plan", "--date", (today + timedelta(days=12)).isoformat()]) == 0
    answers = iter(["t", "f", "t", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["quiz", "--type", "true_false", "-n", "3", "--seed", "1"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("COLUMNS", str(cols))
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "study next:\n  1. " in out and "readiness on " in out
    table, prose = out.split("\nanswers: ", 1)  # the table keeps its columns; it is 65 wide
    assert [line for line in prose.splitlines() if len(line) >= cols] == []
    assert cols < 80 or max(len(line) for line in table.splitlines()) < cols
    study = out.split("study next:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert all(line.startswith(("  1. ", "  2. ", "  3. ", "     ")) for line in study), study  # each reason under its number


def test_one_line_messages_of_new_export_and_solution_fit_80_columns(tmp_path, monkeypatch, capsys):
    """The sentences these verbs print carry paths and commands: wrapped between words, never cut."""
    from quizprep.cli import main

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    export = tmp_path / "progress.json"
    for verb in (["new", "bank", "my-topic"], ["new", "exercise", "my_ex", "--dir", str(tmp_path / "ex")],
                 ["export", str(export)], ["solution", "two_layer_net"]):
        main(verb)
        out = capsys.readouterr()
        lines = (out.out + out.err).splitlines()
        assert lines, verb
        assert [line for line in lines if len(line) >= 80 and " " in line.strip()] == [], verb
