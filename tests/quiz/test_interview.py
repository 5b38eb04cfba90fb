"""The mock interview's plan and session: deterministic for a seed, weighted, timed, reported."""

import json
from collections import Counter
from datetime import date

from quizprep.bank import Choice, Question
from quizprep.cli import main
from quizprep.progress import ProgressStore
from quizprep.progress.interviews import history, save_report
from quizprep.quiz.interview import InterviewSession, plan_interview


def q(qid, topic, qtype="single"):
    fields = {}
    if qtype == "single":
        fields["choices"] = (Choice("right", True), Choice("wrong", False, "no"))
    if qtype == "explain":
        fields.update(model_answer="m", key_points=("a", "b", "c"))
    return Question(id=qid, topic=topic, type=qtype, difficulty=2, prompt="p", explanation="e", **fields)


POOL = [q(f"{t}-{i}", t, "explain" if i % 4 == 0 else "single") for t in ("weak", "strong", "mid") for i in range(12)]
EXERCISES = [("relu_grad", "ReLU"), ("adam", "Adam"), ("linear", "Linear")]


def test_same_seed_same_interview_and_another_seed_another():
    a = plan_interview(POOL, minutes=45, seed=7, exercises=EXERCISES)
    b = plan_interview(POOL, minutes=45, seed=7, exercises=EXERCISES)
    c = plan_interview(POOL, minutes=45, seed=8, exercises=EXERCISES)
    assert [i.label for i in a] == [i.label for i in b]
    assert [i.item.choice_order for i in a if i.item] == [i.item.choice_order for i in b if i.item]
    assert [i.label for i in a] != [i.label for i in c]


def test_mix_time_budget_explain_share_and_exercises():
    items = plan_interview(POOL, minutes=45, seed=3, exercises=EXERCISES)
    questions = [i.item.question for i in items if i.kind == "question"]
    exercises = [i.exercise for i in items if i.kind == "exercise"]
    assert len(exercises) == 2 and len(set(exercises)) == 2
    n_explain = sum(x.type == "explain" for x in questions)
    assert n_explain * 3 >= len(questions)
    planned = n_explain * 4 + (len(questions) - n_explain) * 1.5 + len(exercises) * 12
    assert planned <= 45
    assert len(plan_interview(POOL, minutes=15, seed=3, exercises=EXERCISES)) > 0
    assert all(i.kind == "question" for i in plan_interview(POOL, minutes=15, seed=3, exercises=EXERCISES))


def test_weights_favour_weak_topics():
    counts = Counter()
    for seed in range(40):
        for i in plan_interview(POOL, minutes=30, seed=seed, topic_weights={"weak": 6.0, "strong": 0.5, "mid": 1.0}):
            counts[i.item.question.topic] += 1
    assert counts["weak"] > counts["mid"] > counts["strong"]


def test_session_counts_unanswered_as_missed_when_time_runs_out():
    now = [0.0]
    items = plan_interview(POOL, minutes=20, seed=1, exercises=EXERCISES[:1])
    session = InterviewSession(items, 20, seed=1, clock=lambda: now[0], wall_clock=lambda: 1_700_000_000.0)
    right = 0
    for k in range(3):
        entry = session.current
        now[0] += 60
        if entry.kind == "exercise":
            session.record_exercise("fail", "backprop")
            continue
        if entry.item.question.type == "explain":
            session.answer({0, 1}, text="an answer")  # 2 of 3 key points: counts as right
            right += 1
        else:
            shown = [c.text for c in entry.item.choices]
            pick = shown.index("right" if k % 2 == 0 else "wrong")
            session.answer(pick)
            right += k % 2 == 0
    now[0] += 20 * 60
    assert session.time_up and session.current is None
    report = session.report({"relu_grad": "activations"})
    assert (report.right, report.total, report.timed_out) == (right, len(items), True)
    assert sum(not r.answered for r in report.items) == len(items) - 3
    assert [r.seconds for r in report.items[:3]] == [60.0, 60.0, 60.0]
    assert sum(b for _, b in report.by_topic.values()) == len(items)


def test_history_and_plan_from_the_cli(capsys):
    store = ProgressStore()
    for score in (0.4, 0.5, 0.8):
        save_report(store, {"started_at": 1_700_000_000 + score * 1000, "minutes": 45, "seed": 1, "score": score, "right": int(score * 10),
                            "total": 10, "items": [], "by_topic": {}, "work_on": []})
    assert main(["interview", "--history"]) == 0
    out = capsys.readouterr().out
    assert out.count(" 45 min") == 3 and "trend: up" in out
    assert main(["plan"]) == 0
    assert "no interview date yet" in capsys.readouterr().out
    assert main(["plan", "--date", "not-a-date"]) == 2
    capsys.readouterr()
    in_ten_days = date.fromordinal(date.today().toordinal() + 10).isoformat()
    assert main(["plan", "--date", in_ten_days, "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["interview"] == in_ten_days and 9 <= plan["days_left"] <= 11
    assert sum(sum(d["new_by_topic"].values()) for d in plan["days"]) >= 150  # every built-in question is planned


class ScriptedLearner:
    """Stands in for the terminal in `quizprep interview`: answers every question (the first choice, true,
    1, ...) and, from answer number `stop_at` on, does what `stop` says: raise KeyboardInterrupt (Ctrl-C)
    or EOFError (the input closed)."""

    def __init__(self, monkeypatch, stop_at: int | None = None, stop=KeyboardInterrupt) -> None:
        import quizprep.cli.plainquiz as plainquiz

        self.given: list[str] = []
        self.stop_at, self.stop = stop_at, stop
        monkeypatch.setattr(plainquiz, "read_response", self.read_response)
        monkeypatch.setattr(plainquiz, "read_explain", self.read_explain)
        monkeypatch.setattr("builtins.input", self.input)

    def _next(self, qid: str) -> None:
        if self.stop_at is not None and len(self.given) >= self.stop_at:
            raise self.stop()
        self.given.append(qid)

    def read_response(self, item, *args, **kwargs):
        self._next(item.question.id)
        return {"single": 0, "multiple": [0], "true_false": True, "numeric": "1", "short": "x",
                "order": list(range(len(item.items)))}[item.question.type]

    def read_explain(self, q, *args, **kwargs):
        self._next(q.id)
        return [0], "my answer"

    def input(self, prompt=""):
        if self.stop_at is not None and len(self.given) >= self.stop_at:
            raise self.stop()
        return "s"  # a coding item: move on without it


def stored_answers():
    return [tuple(r) for r in ProgressStore().db.execute("SELECT question_id, mode FROM answers ORDER BY id")]


def test_ctrl_c_mid_interview_keeps_the_answers_and_an_unfinished_interview(monkeypatch, capsys):
    learner = ScriptedLearner(monkeypatch, stop_at=3)
    assert main(["interview", "--minutes", "30", "--seed", "4"]) == 130
    out = capsys.readouterr().out
    assert "kept as unfinished" in out and "Traceback" not in out
    assert stored_answers() == [(qid, "interview") for qid in learner.given] and len(learner.given) == 3
    [stored] = history(ProgressStore())
    assert stored["status"] == "unfinished" and stored["seed"] == 4 and stored["minutes"] == 30
    answered = [item["label"] for item in stored["report"]["items"] if item["answered"]]
    assert answered == learner.given
    cards = {r[0] for r in ProgressStore().db.execute("SELECT ref FROM cards WHERE kind = 'question'")}
    assert cards == set(learner.given)  # interview answers schedule their cards as quiz answers do
    assert main(["interview", "--history"]) == 0
    history_out = capsys.readouterr().out
    assert "unfinished (3 of" in history_out and "trend: none yet" in history_out


def test_interview_answers_count_as_studied_in_stats(monkeypatch, capsys):
    learner = ScriptedLearner(monkeypatch, stop_at=4, stop=EOFError)
    assert main(["interview", "--minutes", "15", "--seed", "8"]) == 0
    capsys.readouterr()
    from quizprep.bank import load_banks
    from quizprep.paths import bank_paths

    topic_of = {q.id: q.topic for q in load_banks(bank_paths()).questions}
    expected: Counter = Counter(topic_of[qid] for qid in set(learner.given))
    assert main(["stats", "--json"]) == 0
    seen = {t["topic"]: t["seen"] for t in json.loads(capsys.readouterr().out)["topics"]}
    assert {t: n for t, n in seen.items() if n} == dict(expected)
    [stored] = history(ProgressStore())
    assert stored["status"] == "finished" and stored["total"] > 4


def test_an_interview_ended_before_its_first_answer_is_not_recorded(monkeypatch, capsys):
    ScriptedLearner(monkeypatch, stop_at=0, stop=EOFError)
    assert main(["interview", "--minutes", "10", "--seed", "1"]) == 0
    assert "nothing recorded" in capsys.readouterr().out
    ScriptedLearner(monkeypatch, stop_at=0, stop=KeyboardInterrupt)
    assert main(["interview", "--minutes", "10", "--seed", "1"]) == 130
    assert "nothing recorded" in capsys.readouterr().out
    assert history(ProgressStore()) == [] and stored_answers() == []


def test_a_seed_out_of_range_is_refused_up_front_and_the_largest_valid_one_is_stored(monkeypatch, capsys):
    ScriptedLearner(monkeypatch, stop_at=1, stop=EOFError)
    assert main(["interview", "--seed", "99999999999999999999999"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--seed" in err and "Traceback" not in err
    assert main(["interview", "--seed", "-1"]) == 2
    capsys.readouterr()
    assert history(ProgressStore()) == []
    largest = 2**63 - 1  # SQLite's largest INTEGER
    assert main(["interview", "--minutes", "10", "--seed", str(largest)]) == 0
    assert "work on next" in capsys.readouterr().out  # the report is printed, after it was stored
    [stored] = history(ProgressStore())
    assert stored["seed"] == largest and stored["report"]["seed"] == largest


def test_minutes_out_of_range_is_one_line(capsys):
    for minutes in ("4", "181"):
        assert main(["interview", "--minutes", minutes]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "5 to 180" in err


def test_a_short_interview_says_it_has_no_coding(monkeypatch, capsys):
    ScriptedLearner(monkeypatch, stop_at=1, stop=EOFError)
    assert main(["interview", "--minutes", "10", "--seed", "3"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "no coding" in first and "20 minutes" in first
    ScriptedLearner(monkeypatch, stop_at=1, stop=EOFError)
    assert main(["interview", "--minutes", "25", "--seed", "3"]) == 0
    assert "1 coding exercise" in capsys.readouterr().out.splitlines()[0]


def test_a_perfect_report_says_there_is_nothing_to_work_on(capsys):
    from quizprep.cli.interview import print_report

    items = plan_interview(POOL, minutes=10, seed=2)
    session = InterviewSession(items, 10, seed=2, clock=lambda: 0.0, wall_clock=lambda: 1_700_000_000.0)
    while (entry := session.current) is not None:
        if entry.item.question.type == "explain":
            session.answer({0, 1, 2}, text="all of it")
        else:
            session.answer([c.text for c in entry.item.choices].index("right"))
    report = session.report()
    assert report.score == 1.0 and report.work_on == ()
    print_report(report)
    out = capsys.readouterr().out
    assert "work on next: nothing from this interview — every item was right" in out


def test_history_with_one_interview_has_no_trend_yet(capsys):
    save_report(ProgressStore(), {"started_at": 1_700_000_000, "minutes": 45, "seed": 1, "score": 0.5, "right": 5, "total": 10,
                                  "items": [], "by_topic": {}, "work_on": []})
    assert main(["interview", "--history"]) == 0
    out = capsys.readouterr().out
    assert "trend: none yet" in out and "steady" not in out


def test_work_on_next_speaks_of_explain_answers_only_where_one_was_missed():
    from quizprep.quiz.interview import ItemResult, work_on_next

    results = [
        ItemResult("q1", "question", "optimizers", correct=False, answered=True, seconds=30, qtype="numeric"),
        ItemResult("q2", "question", "optimizers", correct=False, answered=True, seconds=30, qtype="single"),
        ItemResult("q3", "question", "attention", correct=False, answered=True, seconds=90, qtype="explain"),
        ItemResult("q4", "question", "attention", correct=True, answered=True, seconds=20, qtype="single"),
    ]
    lines = work_on_next(results)
    assert lines[0].startswith("optimizers: 2 missed") and "explain" not in lines[0] and "quizprep quiz -t optimizers" in lines[0]
    assert lines[1].startswith("attention: 1 missed") and "explain answers" in lines[1]


def test_pace_is_advised_only_when_time_ran_out():
    from quizprep.quiz.interview import ItemResult, work_on_next

    results = [ItemResult("q1", "question", "optimizers", correct=True, answered=True, seconds=30, qtype="single"),
               ItemResult("q2", "question", "optimizers", correct=False, answered=False, seconds=0, qtype="single")]
    assert any(line.startswith("pace:") for line in work_on_next(results, time_ran_out=True))
    assert not any(line.startswith("pace:") for line in work_on_next(results, time_ran_out=False))
