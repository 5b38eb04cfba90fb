"""What a row of each progress table may hold, checked before anything from outside is written.

An import is taken whole or not at all, so every row of a file is checked here first, with the rules
the store's own writes follow: required fields present and non-null, numbers finite, timestamps with a
timezone (stored in the store's one format), known statuses and modes, settings in range, card data
that FSRS can read. A problem names the list, the row and the field.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime

from .mistakes import FORWARD_EVENT, MISTAKE_EVENT
from .store import iso

INT64 = 2**63 - 1
MODES = ("review", "quiz", "practice", "interview")
STATUSES = ("pass", "fail", "error", "timeout")
REASONS = ("wrong", "unclear")
CARD_KINDS = {"question": "q:", "exercise": "ex:"}
JSON_DETAIL_EVENTS = (MISTAKE_EVENT, FORWARD_EVENT)  # event kinds whose detail is read back as a JSON object
DEFAULTS = {"given": "", "mode": "quiz", "detail": "", "note": ""}  # columns with a default may be left out

# list name -> {field: rule}; a rule ending in "?" also takes null (or a missing field)
RULES: dict[str, dict[str, str]] = {
    "answers": {"uid": "uid", "question_id": "name", "topic": "name", "correct": "bool", "score": "fraction", "given": "text",
                "seconds": "seconds?", "mode": "mode", "answered_at": "time", "rating": "rating?", "card_before": "card_text?"},
    "grades": {"uid": "uid", "exercise_id": "name", "status": "status", "passed": "count", "total": "count", "duration_s": "seconds?",
               "graded_at": "time"},
    "events": {"uid": "uid", "kind": "name", "ref": "name", "detail": "text", "at": "time"},
    "flags": {"uid": "uid", "question_id": "name", "reason": "reason", "note": "text", "flagged_at": "time"},
    "interviews": {"uid": "uid", "started_at": "time", "minutes": "count", "seed": "int", "score": "fraction", "right": "count",
                   "total": "count", "report": "json_text"},
    "versions": {"uid": "uid", "exercise_id": "name", "source": "source", "status": "status", "passed": "count", "total": "count",
                 "duration_s": "seconds?", "graded_at": "time"},
    "cards": {"key": "name", "kind": "card_kind", "ref": "name", "card": "card", "due": "time", "last_review": "time?",
              "introduced_at": "time"},
}


class RowProblem(ValueError):
    """One field of one row is not what the store would write; the message says which and why."""


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RowProblem(f"should be {what}, not {type(value).__name__}")
    if not math.isfinite(value):
        raise RowProblem(f"should be {what}, not {value}")
    return value


def _integer(value, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RowProblem(f"should be a whole number, not {json.dumps(value)[:40]}")
    if not low <= value <= INT64:
        raise RowProblem(f"should be a whole number from {low} to {INT64}")
    return value


def _timestamp(value) -> str:
    if not isinstance(value, str):
        raise RowProblem("should be an ISO 8601 timestamp")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RowProblem("is not an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        raise RowProblem(f"has no timezone ({value!r}) — write it as e.g. {value}+00:00")
    try:
        return iso(moment)
    except OverflowError:  # e.g. 0001-01-01T00:00+14:00, before the first moment in UTC
        raise RowProblem(f"is out of range ({value!r})") from None


def _card(value) -> str:
    from .scheduler import card_from_json

    if not isinstance(value, dict):
        raise RowProblem("should be the card's data (an object)")
    try:
        text = json.dumps(value, sort_keys=True)
        card = card_from_json(text)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        raise RowProblem("is not card data this quizprep can read") from None
    if card.due.tzinfo is None:
        raise RowProblem("has a due date without a timezone")
    return text


def _choice(value, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise RowProblem(f"should be one of {', '.join(allowed)}, not {json.dumps(value)[:40]}")
    return value


def _text(value, *, non_empty: bool) -> str:
    if not isinstance(value, str) or (non_empty and not value):
        raise RowProblem("should be a non-empty text" if non_empty else "should be text")
    return value


def _in_range(value, low: float, high: float, what: str) -> float:
    number = _number(value, what)
    if not low <= number <= high:
        raise RowProblem(f"should be {what}, not {number}")
    return float(number)


def _flag(value) -> int:
    if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
        return int(value)
    raise RowProblem(f"should be true or false, not {json.dumps(value)[:40]}")


def _rating(value) -> int:
    rating = _integer(value, 1)
    if rating > 4:
        raise RowProblem("should be a rating from 1 to 4")
    return rating


def _card_text(value) -> str:
    return value if value == "" else _card(_json_object(value))


def _report(value) -> str:
    _json_object(value)
    return value


def _source(value) -> str:
    from .history import MAX_SOURCE_BYTES

    text = _text(value, non_empty=False)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SOURCE_BYTES:
        raise RowProblem(f"is over {MAX_SOURCE_BYTES // 1024} kB, more than quizprep keeps of a graded version")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise RowProblem("is not valid text (it holds a lone surrogate)") from None
    return text


CHECKS = {
    "uid": lambda v: _text(v, non_empty=True),
    "name": lambda v: _text(v, non_empty=True),
    "text": lambda v: _text(v, non_empty=False),
    "bool": _flag,
    "fraction": lambda v: _in_range(v, 0, 1, "a number from 0 to 1"),
    "seconds": lambda v: _in_range(v, 0, math.inf, "a number of seconds, 0 or more"),
    "count": lambda v: _integer(v, 0),
    "int": lambda v: _integer(v, -INT64 - 1),
    "rating": _rating,
    "mode": lambda v: _choice(v, MODES),
    "status": lambda v: _choice(v, STATUSES),
    "reason": lambda v: _choice(v, REASONS),
    "card_kind": lambda v: _choice(v, tuple(CARD_KINDS)),
    "time": _timestamp,
    "card": _card,
    "card_text": _card_text,
    "json_text": _report,
    "source": _source,
}


def check_value(rule: str, value):
    """The value as the store keeps it, or RowProblem."""
    if rule.endswith("?"):
        if value is None:
            return None
        rule = rule[:-1]
    return CHECKS[rule](value)


def _json_object(value) -> dict:
    if not isinstance(value, str):
        raise RowProblem("should be JSON text")
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        raise RowProblem("is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise RowProblem("should hold a JSON object")
    return parsed


def check_row(name: str, item) -> dict:
    """A row of list `name` as the store keeps it; RowProblem names the field that is wrong."""
    rules = RULES[name]
    if not isinstance(item, dict):
        raise RowProblem(f"should be an object, not {type(item).__name__}")
    missing = [f for f, rule in rules.items() if not rule.endswith("?") and f not in DEFAULTS and item.get(f) is None]
    if missing:
        raise RowProblem(f"is missing {', '.join(missing)}")
    out = {}
    for field, rule in rules.items():
        value = item.get(field)
        if value is None and field in DEFAULTS:
            value = DEFAULTS[field]
        try:
            out[field] = check_value(rule, value)
        except RowProblem as err:
            raise RowProblem(f".{field} {err}") from None
    if name in ("grades", "versions", "interviews") and out["right" if name == "interviews" else "passed"] > out["total"]:
        raise RowProblem(f".{'right' if name == 'interviews' else 'passed'} is more than .total")
    if name == "events" and out["kind"] in JSON_DETAIL_EVENTS:
        try:
            _json_object(out["detail"])
        except RowProblem as err:
            raise RowProblem(f".detail {err} (a {out['kind']} event keeps its detail as a JSON object)") from None
    if name == "cards" and out["key"] != CARD_KINDS[out["kind"]] + out["ref"]:
        raise RowProblem(f".key should be {CARD_KINDS[out['kind']] + out['ref']!r} for a {out['kind']} card on {out['ref']!r}")
    return out


def check_settings(settings) -> dict[str, str]:
    """The settings of an export, each checked as `quizprep config` would; RowProblem names the key."""
    from .scheduler import validate_setting

    if not isinstance(settings, dict):
        raise RowProblem("should be an object of setting names and values")
    out = {}
    for key, value in settings.items():
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise RowProblem(f".{key} should be a text or a number")
        text = str(value)
        try:
            if key == "interview_date":
                date.fromisoformat(text)
            elif not key.startswith("pref."):
                text = validate_setting(key, text)
        except ValueError as err:
            raise RowProblem(f".{key}: {str(err).replace('`', '') if key != 'interview_date' else 'is not a date (YYYY-MM-DD)'}") from None
        out[key] = text
    return out
