"""`quizprep search` and the readiness of `quizprep stats`, driven as a user would, and the search core."""

import json
from datetime import date, timedelta
from types import SimpleNamespace

from quizprep.bank.model import Choice, Question
from quizprep.bank.search import search
from quizprep.cli import main

from ..bank.helpers import bank_text, write_bank


def question(qid, prompt, *, explanation="Because.", tags=(), choices=(), topic="demo", qtype="single"):
    return Question(id=qid, topic=topic, type=qtype, difficulty=1, prompt=prompt, explanation=explanation, tags=tuple(tags),
                    choices=tuple(Choice(text, i == 0) for i, text in enumerate(choices)))


QUESTIONS = [
    question("q-expl", "Which loss is used here?", explanation="The softmax turns logits into probabilities."),
    question("q-prompt", "Why subtract the max before a softmax?", explanation="Overflow."),
    question("q-twice", "A softmax of a softmax: what does the softmax output look like?"),
    question("q-tag", "Which layer normalises over features?", tags=("layer-norm", "transformers")),
    question("q-choice", "Pick the stable form.", choices=("log_softmax then nll", "softmax then log")),
    question("q-other", "What does dropout do at test time?"),
]
EXERCISES = [SimpleNamespace(id="softmax_backward", title="Backward of a softmax", topic="softmax"),
             SimpleNamespace(id="layernorm", title="Layer normalization", topic="normalization")]


def ids(hits):
    return [h.id for h in hits]


def test_search_finds_by_prompt_word_and_ranks_prompt_matches_first():
    hits = search("softmax", QUESTIONS, EXERCISES)
    assert set(ids(hits)) == {"q-expl", "q-prompt", "q-twice", "q-choice", "softmax_backward"}
    got = ids(hits)
    # three prompt matches, then the exercise (id and title: two) and the one-match prompt, then choices/explanation only
    assert got[0] == "q-twice"
    assert got.index("q-prompt") < got.index("q-choice") and got.index("q-prompt") < got.index("q-expl")
    assert got.index("softmax_backward") < got.index("q-prompt")  # two main matches beat one
    assert {h.id: h.main_matches for h in hits}["q-expl"] == 0


def test_search_finds_by_tag_and_needs_every_word():
    assert ids(search("transformers", QUESTIONS)) == ["q-tag"]
    assert ids(search("layer features", QUESTIONS)) == ["q-tag"]
    assert ids(search("layer dropout", QUESTIONS)) == []
    assert ids(search("norm", QUESTIONS, EXERCISES)) == ["q-tag", "layernorm"]  # tag and prompt (2) before the title (1)
    assert search("", QUESTIONS, EXERCISES) == [] and search("  ... ", QUESTIONS, EXERCISES) == []


def test_search_finds_an_exercise_by_its_id_first():
    hits = search("softmax_backward", QUESTIONS, EXERCISES)
    assert hits[0].id == "softmax_backward" and hits[0].kind == "exercise" and hits[0].type == "exercise"
    assert ids(search("layernorm", QUESTIONS, EXERCISES)) == ["layernorm"]
    assert ids(search("SOFTMAX Backward", QUESTIONS, EXERCISES)) == ["softmax_backward"]


def test_search_words_match_the_words_they_begin():
    assert "q-tag" in ids(search("normal", QUESTIONS, EXERCISES))  # "normalises"
    assert "q-choice" in ids(search("nll", QUESTIONS))
    assert ids(search("max", QUESTIONS)) == ["q-prompt"]  # the word max, not the inside of softmax


def demo_bank(tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    write_bank(folder, bank_text(
        "  - id: sm-why-max\n    type: true_false\n    difficulty: 1\n    tags: [stability]\n"
        "    prompt: Subtracting the max keeps softmax finite.\n    answer: true\n    explanation: exp of a large number overflows.\n"
        "  - id: other\n    type: true_false\n    difficulty: 1\n    prompt: Is 2 > 1?\n    answer: true\n    explanation: It is.\n"))
    monkeypatch.setattr("quizprep.paths.bank_paths", lambda extra=(): [folder])


def test_search_verb_prints_a_line_per_result_and_json(tmp_path, monkeypatch, capsys):
    demo_bank(tmp_path, monkeypatch)
    assert main(["search", "softmax"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("softmax ") and "/ex" in lines[0]  # the built-in softmax exercise, by its id
    row = next(line for line in lines if line.startswith("sm-why-max"))
    assert "demo/t/f" in row and "Subtracting the max" in row
    assert main(["search", "stability", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [h["id"] for h in out if h["kind"] == "question"] == ["sm-why-max"]
    assert {"kind", "id", "topic", "type", "text"} <= set(out[0])
    assert main(["search", "zebra", "quagga"]) == 0
    assert "nothing holds every word" in capsys.readouterr().out


def test_stats_says_readiness_with_a_date_and_null_without(tmp_path, monkeypatch, capsys):
    from quizprep.progress.scheduler import study_day
    from quizprep.progress.store import utc_now

    demo_bank(tmp_path, monkeypatch)
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["readiness"] is None
    assert "readiness" not in capsys.readouterr().out
    today = date.fromisoformat(study_day(utc_now(), 4))
    interview = today + timedelta(days=10)
    assert main(["plan", "--date", interview.isoformat()]) == 0
    answers = iter(["t", "t", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["quiz", "-n", "2", "--seed", "1"]) == 0
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    ready = json.loads(capsys.readouterr().out)["readiness"]
    assert ready["interview"] == interview.isoformat()
    assert set(ready["topics"]) == {"demo"} and 0 < ready["overall"] <= 1 and 0 <= ready["topics"]["demo"] <= 1
    assert ready["overall"] == ready["topics"]["demo"]  # one topic: the same mean
    assert ready["exercises"] and all(not e["passed"] and e["days_since_pass"] is None and 0 <= e["recall"] <= 1
                                      for e in ready["exercises"].values())
    assert len(ready["projected"]) == 10 and all(0 <= p <= 1 for p in ready["projected"].values())
    assert main(["stats"]) == 0
    text = capsys.readouterr().out
    assert f"readiness on {interview:%a %d %b %Y}" in text and "least ready: demo " in text
