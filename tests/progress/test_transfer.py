"""Export and import: a round trip into an empty home reproduces the same statistics."""

import json

from quizprep.cli import main
from quizprep.progress import ProgressStore
from quizprep.progress.transfer import import_progress

from .test_stats import build


def stats_json(capsys):
    assert main(["stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_export_then_import_into_an_empty_home_reproduces_stats(tmp_path, quizprep_home, monkeypatch, capsys):
    from quizprep.progress.reviews import record_answer, record_exercise_grade

    store = ProgressStore()
    record_answer(store, question_id="act-relu-grad-at-zero", topic="activations", qtype="single", correct=True, score=1.0, seconds=4)
    record_answer(store, question_id="bp-linear-dw-shape", topic="backprop", qtype="single", correct=False, score=0.0, seconds=40)
    record_exercise_grade(store, "relu_grad", "pass", 9, 9, 0.2)
    store.flag_question("bp-linear-dw-shape", "unclear", "which convention?")
    store.close()
    before = stats_json(capsys)
    export = tmp_path / "progress.json"
    assert main(["export", str(export)]) == 0
    data = json.loads(export.read_text())
    assert {"answers", "grades", "cards"} <= set(data) and len(data["answers"]) == 2
    assert data["answers"][0]["answered_at"].endswith("+00:00")

    monkeypatch.setenv("QUIZPREP_HOME", str(tmp_path / "elsewhere"))
    assert main(["import", str(export)]) == 0
    capsys.readouterr()
    assert stats_json(capsys) == before
    assert main(["import", str(export)]) == 0  # idempotent: the second import adds nothing
    assert "imported: 0 new answers, 0 new grades, 0 new events, 0 new flags, 0 new interviews, 0 new cards" in capsys.readouterr().out
    assert stats_json(capsys) == before


def test_import_merges_two_machines(tmp_path):
    a = build(tmp_path / "a" if (tmp_path / "a").mkdir() is None else None)
    from quizprep.progress.transfer import export_progress

    b = ProgressStore(tmp_path / "b.db", backups=False)
    added = import_progress(b, export_progress(a))
    assert added["answers"] == a.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    assert import_progress(b, export_progress(a))["answers"] == 0


def test_bad_import_files_say_what_is_wrong_and_import_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "quizprep-progress",\n "version": 1, "answers": [{"uid": "x"}]}')
    assert main(["import", str(bad)]) == 1
    assert "answers[0] is missing question_id, topic, correct, score, answered_at — nothing was imported" in capsys.readouterr().err
    bad.write_text("{not json")
    assert main(["import", str(bad)]) == 1
    assert f"{bad}:1:2: not valid JSON" in capsys.readouterr().err
    assert ProgressStore().db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


def test_interview_reports_travel_with_an_export(tmp_path):
    from quizprep.progress.interviews import history, save_report
    from quizprep.progress.transfer import export_progress

    a = ProgressStore(tmp_path / "a.db", backups=False)
    save_report(a, {"started_at": 1_700_000_000.5, "minutes": 45, "seed": 9, "score": 0.5, "right": 5, "total": 10,
                    "items": [], "by_topic": {"backprop": [2, 4]}, "work_on": ["backprop: 2 missed"]})
    b = ProgressStore(tmp_path / "b.db", backups=False)
    assert import_progress(b, json.loads(json.dumps(export_progress(a))))["interviews"] == 1
    assert history(b) == history(a)
