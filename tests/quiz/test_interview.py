"""The mock interview's plan and session: deterministic for a seed, weighted, timed, reported."""

import json
from collections import Counter
from datetime import date

from quizprep.bank import Choice, Question
from quizprep.cli import main
from quizprep.progress import ProgressStore
from quizprep.progress.interviews import save_report
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
