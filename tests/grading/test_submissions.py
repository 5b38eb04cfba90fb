"""A corpus of learner submissions with the result each must get (as Exercism's runner tests itself).

Each file under submissions/<exercise id>/ starts with header comments:
    # expect: pass | fail | error | timeout
    # diagnosis: text that must appear in the first failing check's message or diagnosis (repeatable)
    # timeout: seconds for the whole grade (optional; default 10)
"""

from pathlib import Path

import pytest

from quizprep.grading import find_exercise, grade

SUBMISSIONS = Path(__file__).parent / "submissions"


def _header(path: Path) -> dict:
    fields: dict = {"diagnosis": []}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(":")
        if key == "diagnosis":
            fields["diagnosis"].append(value.strip())
        elif key in ("expect", "timeout"):
            fields[key] = value.strip()
    return fields


CASES = sorted(p for p in SUBMISSIONS.glob("*/*.py"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_submission_gets_its_expected_result(path):
    header = _header(path)
    assert header.get("expect") in ("pass", "fail", "error", "timeout"), f"{path} needs a `# expect:` header"
    exercise = find_exercise(path.parent.name)
    assert exercise is not None, f"no exercise {path.parent.name} in the catalogue"
    result = grade(exercise, path, timeout=float(header.get("timeout", 10)))
    first = result.first_failure
    shown = " | ".join([result.message, result.detail] + ([first.message, *first.diagnosis] if first else []))
    assert result.status == header["expect"], shown
    for text in header["diagnosis"]:
        assert text in shown
    if header["expect"] == "pass":
        assert result.checks and all(c.status == "pass" for c in result.checks)
