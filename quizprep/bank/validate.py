"""Checking a parsed bank against the format and turning it into `Question`s.

Each problem is reported at the line of the offending value with what was expected; a question with
a problem is left out, the rest of the bank still loads. The fields common to every question are checked
here; each type's own fields by its definition in `types.py`.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from .model import DIFFICULTIES, Bank, Choice, Question
from .problems import ProblemList
from .types import KEY_POINTS, QUESTION_TYPES, REGISTRY
from .yamltree import YamlList, YamlMap

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
COMMON_REQUIRED = ("id", "type", "difficulty", "prompt", "explanation")
COMMON_OPTIONAL = ("tags",)
# the fields of each type come from its definition, so a new type needs no edit here
TYPE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {t.name: (t.required, t.optional) for t in REGISTRY.values()}
ALL_FIELDS = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL) | {f for t in REGISTRY.values() for f in t.fields}
BANK_FIELDS = {"topic", "title", "description", "questions"}
CHOICE_FIELDS = {"text", "correct", "why"}
LIMITS = {"choices": (2, 8), "items": (3, 8), "key_points": KEY_POINTS}


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


class _Checker:
    """Validates one file's mapping; collects problems as it goes."""

    def __init__(self, path: Path, problems: ProblemList) -> None:
        self.path = path
        self.problems = problems

    def text(self, parent: YamlMap, key: str, what: str, *, required: bool = True) -> str | None:
        if key not in parent:
            if required:
                self.problems.at(parent.node, f"{what} has no `{key}` — add `{key}:`")
            return None
        value = parent[key]
        node = parent.value_nodes[key]
        if isinstance(value, str):
            if not value.strip():
                self.problems.at(node, f"`{key}` is empty — write the {key.replace('_', ' ')}")
                return None
            return value
        if isinstance(value, (bool, int, float)) or value is None:
            raw = getattr(node, "value", "")
            self.problems.at(node, f"`{key}: {raw}` was read as {_describe(value)}, not text — quote it: `{key}: \"{raw}\"`")
        else:
            self.problems.at(node, f"`{key}` should be text, found {_describe(value)}")
        return None

    def text_list(self, parent: YamlMap, key: str, what: str) -> tuple[str, ...] | None:
        value = parent[key]
        node = parent.value_nodes[key]
        if not isinstance(value, YamlList):
            self.problems.at(node, f"`{key}` should be a list of text, found {_describe(value)} — write one `- item` per line")
            return None
        out = []
        ok = True
        for item, item_node in zip(value, value.nodes, strict=False):
            if isinstance(item, str) and item.strip():
                out.append(item)
            elif isinstance(item, str):
                self.problems.at(item_node, f"empty entry in `{key}` — remove it or write it")
                ok = False
            elif isinstance(item, (bool, int, float)) or item is None:
                self.problems.at(item_node, f"`{item_node.value}` in `{key}` was read as {_describe(item)}, not text — "
                                            f"quote it: \"{item_node.value}\"")
                ok = False
            else:
                self.problems.at(item_node, f"entries of `{key}` should be text, found {_describe(item)}")
                ok = False
        low, high = LIMITS.get(key, (1, 10_000))
        if ok and not low <= len(out) <= high:
            self.problems.at(node, f"{what} has {len(out)} `{key}` — write {low} to {high}")
            return None
        if ok and key in ("items", "key_points") and len(set(out)) != len(out):
            self.problems.at(node, f"`{key}` lists the same entry twice — make each one distinct")
            return None
        return tuple(out) if ok else None

    def number(self, parent: YamlMap, key: str) -> float | None:
        value = parent[key]
        node = parent.value_nodes[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = " (write it as a plain number, e.g. 0.0066 or 2.8e-22 — no quotes)" if isinstance(value, str) else ""
            self.problems.at(node, f"`{key}` should be a number, found {_describe(value)}{hint}")
            return None
        if not math.isfinite(value):
            self.problems.at(node, f"`{key}` must be a finite number, found {value}")
            return None
        return float(value)

    def bank(self, root) -> Bank | None:
        if not isinstance(root, YamlMap):
            self.problems.at(getattr(root, "node", None), "a bank is a mapping with `topic:`, `title:` and `questions:`")
            return None
        for key, key_node in root.key_nodes.items():
            if key not in BANK_FIELDS:
                self.problems.at(key_node, f"unknown field `{key}` — a bank has {', '.join(sorted(BANK_FIELDS))}")
        topic = self.text(root, "topic", "the bank")
        if topic is not None:
            if not SLUG.match(topic):
                self.problems.at(root.value_nodes["topic"], f"topic `{topic}` is not a slug — use lowercase letters, digits and '-'")
            elif topic != self.path.stem:
                self.problems.at(root.value_nodes["topic"],
                                 f"topic `{topic}` does not match the file name `{self.path.name}` — rename one so they agree")
        title = self.text(root, "title", "the bank")
        description = self.text(root, "description", "the bank", required=False) or ""
        questions = root.get("questions")
        if "questions" not in root:
            self.problems.at(root.node, "the bank has no `questions` — add `questions:` with a list of questions")
            return None
        if not isinstance(questions, YamlList) or not questions:
            self.problems.at(root.value_nodes["questions"], "`questions` should be a non-empty list — write one `- id: ...` per question")
            return None
        if topic is None or title is None:
            return None
        seen: dict[str, int] = {}
        built = []
        for q, q_node in zip(questions, questions.nodes, strict=False):
            question = self.question(q, q_node, topic, seen)
            if question is not None:
                built.append(question)
        return Bank(topic=topic, title=title, description=description.strip(), path=str(self.path), questions=tuple(built))

    def question(self, q, q_node, topic: str, seen: dict[str, int]) -> Question | None:
        if not isinstance(q, YamlMap):
            self.problems.at(q_node, f"a question should be a mapping, found {_describe(q)} — start it with `- id: ...`")
            return None
        before = len(self.problems)
        qid = self.text(q, "id", "this question")
        what = f"question `{qid}`" if qid else "this question"
        if qid is not None:
            if not SLUG.match(qid):
                self.problems.at(q.value_nodes["id"], f"id `{qid}` is not a slug — use lowercase letters, digits and '-'")
            elif qid in seen:
                self.problems.at(q.value_nodes["id"], f"duplicate id `{qid}` (first at line {seen[qid]}) — give each question its own id")
            else:
                seen[qid] = q.value_nodes["id"].start_mark.line + 1
        qtype = q.get("type")
        if "type" not in q:
            self.problems.at(q.node, f"{what} has no `type` — add `type:` ({' | '.join(QUESTION_TYPES)})")
        elif isinstance(q.value_nodes["type"].value, list):  # a list or mapping node: no single name to quote
            self.problems.at(q.value_nodes["type"],
                             f"`type` should be one name, found {_describe(qtype)} — use one of {', '.join(QUESTION_TYPES)}")
            qtype = None
        elif qtype not in QUESTION_TYPES:
            self.problems.at(q.value_nodes["type"],
                             f"unknown type `{q.value_nodes['type'].value}` — use one of {', '.join(QUESTION_TYPES)}")
            qtype = None
        allowed = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL)
        if qtype:
            required, optional = TYPE_FIELDS[qtype]
            allowed |= set(required) | set(optional)
            for key in required:
                if key not in q:
                    self.problems.at(q.node, f"{what} ({qtype}) has no `{key}` — add `{key}:`")
        for key, key_node in q.key_nodes.items():
            if key in allowed:
                continue
            if key in ALL_FIELDS and qtype:
                self.problems.at(key_node, f"`{key}` does not belong to a `{qtype}` question — remove it or change the type")
            else:
                self.problems.at(key_node, f"unknown field `{key}` — {what} can have {', '.join(sorted(allowed))}")
        difficulty = q.get("difficulty")
        if "difficulty" not in q:
            self.problems.at(q.node, f"{what} has no `difficulty` — add `difficulty: 1`, `2` or `3`")
        elif isinstance(difficulty, bool) or difficulty not in DIFFICULTIES:
            self.problems.at(q.value_nodes["difficulty"],
                             f"difficulty `{q.value_nodes['difficulty'].value}` is not 1, 2 or 3 — use 1 (warm-up), 2 or 3 (hard)")
        prompt = self.text(q, "prompt", what)
        explanation = self.text(q, "explanation", what)
        tags: tuple[str, ...] = ()
        if "tags" in q:
            tags = self.text_list(q, "tags", what) or ()
        fields = REGISTRY[qtype].validate(self, q, what) if qtype else None
        if len(self.problems) > before or fields is None or q.tainted:
            return None
        return Question(
            id=qid, topic=topic, type=qtype, difficulty=difficulty, prompt=prompt, explanation=explanation,
            tags=tags, path=str(self.path), line=q.node.start_mark.line + 1, **fields,
        )

    @staticmethod
    def describe(value) -> str:
        """How a YAML value was read, for messages ("boolean true", "number 3", "a list")."""
        return _describe(value)

    def choices(self, q: YamlMap, what: str) -> dict | None:
        """The `choices` of a single- or multiple-answer question; the type checks how many are right."""
        raw = q["choices"]
        node = q.value_nodes["choices"]
        if not isinstance(raw, YamlList):
            self.problems.at(node, f"`choices` should be a list, found {_describe(raw)} — write one `- text: ...` per choice")
            return None
        low, high = LIMITS["choices"]
        if not low <= len(raw) <= high:
            self.problems.at(node, f"{what} has {len(raw)} choices — write {low} to {high}")
            return None
        built = []
        for c, c_node in zip(raw, raw.nodes, strict=False):
            if not isinstance(c, YamlMap):
                self.problems.at(c_node, "a choice should be a mapping — write `- text: ...` with `correct:` and `why:`")
                return None
            for key, key_node in c.key_nodes.items():
                if key not in CHOICE_FIELDS:
                    self.problems.at(key_node, f"unknown field `{key}` in a choice — a choice has text, correct and why")
            text = self.text(c, "text", "this choice")
            correct = c.get("correct", False)
            if not isinstance(correct, bool):
                self.problems.at(c.value_nodes["correct"], f"`correct` must be true or false, found {_describe(correct)}")
                return None
            why = self.text(c, "why", "this choice", required=False)
            if not correct and why is None and "why" not in c:
                self.problems.at(c.node, "this wrong choice has no `why` — say why it is wrong; the learner sees it when they pick it")
            if text is None:
                return None
            built.append(Choice(text=text, correct=correct, why=why or ""))
        texts = [c.text.strip() for c in built]
        if len(set(texts)) != len(texts):
            self.problems.at(node, "two choices have the same text — make each choice distinct")
        n_correct = sum(c.correct for c in built)
        if n_correct == 0:
            self.problems.at(node, f"{what} has no correct choice — mark one with `correct: true`")
        return {"choices": tuple(built)}


def build_bank(root, path: Path, problems: ProblemList) -> Bank | None:
    """Validate a parsed bank file; return the bank of its valid questions (None if unusable)."""
    return _Checker(path, problems).bank(root)
