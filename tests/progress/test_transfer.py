"""Export and import: a round trip into an empty home reproduces the same statistics."""

import json
import re

import pytest

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


# -- an import is checked row by row, and taken whole or not at all ----------------------------
def _export_with_rows(tmp_path):
    from quizprep.progress.reviews import record_answer
    from quizprep.progress.transfer import export_progress

    a = ProgressStore(tmp_path / "a.db", backups=False)
    for i in range(5):
        record_answer(a, question_id=f"q{i}", topic="t", qtype="single", correct=True, score=1.0, seconds=30)
    a.record_grade("relu_grad", "pass", 9, 9, 0.2)
    a.set_setting("new_per_day", "7")
    return json.loads(json.dumps(export_progress(a)))


def _counts(store):
    return {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("answers", "grades", "cards", "settings")}


@pytest.mark.parametrize(("where", "field", "value", "says"), [
    ("answers", "score", None, "answers[3] is missing score"),
    ("answers", "score", float("nan"), "answers[3].score should be a number from 0 to 1, not nan"),
    ("answers", "seconds", float("inf"), "answers[3].seconds should be a number of seconds, 0 or more, not inf"),
    ("answers", "answered_at", "2026-01-01T10:00:00", "answers[3].answered_at has no timezone"),
    ("answers", "answered_at", "yesterday", "answers[3].answered_at is not an ISO 8601 timestamp"),
    ("answers", "correct", "yes", "answers[3].correct should be true or false"),
    ("answers", "mode", "cram", "answers[3].mode should be one of review, quiz, practice, interview"),
    ("answers", "card_before", "{garbage", "answers[3].card_before is not valid JSON"),
    ("answers", "question_id", ["a", "list"], "answers[3].question_id should be a non-empty text"),
    ("grades", "passed", 2**70, "grades[0].passed should be a whole number from 0 to"),
    ("grades", "status", "passed", "grades[0].status should be one of pass, fail, error, timeout"),
    ("cards", "card", {"state": "garbage"}, "cards[3].card is not card data this quizprep can read"),
    ("cards", "key", "q:another", "cards[3].key should be 'q:q3'"),
    ("grades", "graded_at", "0001-01-01T00:00:00+14:00", "grades[0].graded_at is out of range"),
    ("grades", "passed", 10, "grades[0].passed is more than .total"),
])
def test_an_import_with_one_bad_row_imports_nothing_and_names_it(tmp_path, where, field, value, says):
    from quizprep.progress.transfer import ImportProblem

    data = _export_with_rows(tmp_path)
    row = data[where][3 if where != "grades" else 0]
    row[field] = value
    b = ProgressStore(tmp_path / "b.db", backups=False)
    before = _counts(b)
    with pytest.raises(ImportProblem, match=re.escape(says)):
        import_progress(b, data, source="x.json")
    assert _counts(b) == before


@pytest.mark.parametrize("detail", ["[" * 100_000, "{not json", "[1, 2]"], ids=["nested bomb", "not json", "not an object"])
def test_a_mistake_event_whose_detail_cannot_be_read_back_is_refused(tmp_path, detail, capsys):
    from quizprep.progress.transfer import ImportProblem

    data = _export_with_rows(tmp_path)
    data["events"] = [{"uid": "e" * 32, "kind": "mistake", "ref": "relu_grad", "detail": detail, "at": "2026-01-01T00:00:00+00:00"}]
    b = ProgressStore(tmp_path / "b.db", backups=False)
    with pytest.raises(ImportProblem, match=re.escape("events[0].detail")):
        import_progress(b, data)
    assert _counts(b)["answers"] == 0


def test_a_store_already_holding_a_nested_mistake_detail_still_reviews(quizprep_home, monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    store = ProgressStore()
    store.record_event("mistake", "relu_grad", "[" * 100_000)
    store.close()
    assert main(["review", "--count", "1"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(("settings", "says"), [
    ({"new_per_day": "lots"}, "settings.new_per_day: new_per_day takes a number from 0 to 500"),
    ({"target_retention": 5}, "settings.target_retention: target_retention takes a number from 0.7 to 0.99"),
    ({"interview_date": "soon"}, "settings.interview_date: is not a date"),
    ({"colour": "blue"}, "settings.colour: unknown setting"),
    ({"new_per_day": {"deep": [1]}}, "settings.new_per_day should be a text or a number"),
    (["new_per_day"], "settings should be an object"),
])
def test_bad_settings_are_refused(tmp_path, settings, says):
    from quizprep.progress.transfer import ImportProblem

    data = _export_with_rows(tmp_path)
    data["settings"] = settings
    b = ProgressStore(tmp_path / "b.db", backups=False)
    with pytest.raises(ImportProblem, match=re.escape(says)):
        import_progress(b, data)
    assert _counts(b)["answers"] == 0


def test_a_good_import_is_taken_whole_and_later_commands_work(tmp_path, capsys):
    data = _export_with_rows(tmp_path)
    data["answers"][0]["answered_at"] = "2026-01-01T12:00:00+02:00"  # another timezone: stored in the store's one format
    del data["answers"][1]["given"]  # a field with a default may be left out
    path = tmp_path / "good.json"
    path.write_text(json.dumps(data))
    assert main(["import", str(path)]) == 0
    assert "imported: 5 new answers, 1 new grades" in capsys.readouterr().out
    store = ProgressStore()
    assert store.db.execute("SELECT answered_at FROM answers WHERE question_id = 'q0'").fetchone()[0] == "2026-01-01T10:00:00.000000+00:00"
    assert store.settings().new_per_day == 7
    assert main(["stats", "--json"]) == 0


def test_deeply_nested_or_mistyped_files_get_one_line(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["import", str(deep)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err
    for text, says in [('["format"]', "not a quizprep progress export"),
                       ('{"format": "quizprep-progress", "version": 1, "answers": {"a": 1}}', "`answers` should be a list"),
                       ('{"format": "quizprep-progress", "version": 1, "grades": [7]}', "grades[0] should be an object, not int"),
                       ('{"format": "quizprep-progress", "version": true}', "export version True")]:
        deep.write_text(text)
        assert main(["import", str(deep)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and says in err, err
