"""Which concept a named mistake reveals: the map in mistake_concepts.yaml, read with the banks' safe YAML reader.

A grade names a mistake when the first failing check's message or diagnosis holds the `match` text of
an entry (the first entry that matches wins). Each concept is a question tag; the map also says which
exercises re-implement it. Pure data: no numpy, no store.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAP_FILE = Path(__file__).with_name("mistake_concepts.yaml")


@dataclass(frozen=True)
class Concept:
    """A question tag, as the learner reads it, what going wrong on it is called, and its exercises."""

    tag: str
    label: str
    slip: str
    exercises: tuple[str, ...]


@dataclass(frozen=True)
class MistakeEntry:
    match: str
    concept: str


@dataclass(frozen=True)
class MistakeConcepts:
    concepts: dict[str, Concept]
    mistakes: tuple[MistakeEntry, ...]

    def concept_of(self, texts) -> tuple[Concept, str] | None:
        """The concept (and the matched text) of the first entry whose match occurs in any of `texts`."""
        texts = [t for t in texts if t]
        for entry in self.mistakes:
            if any(entry.match in t for t in texts):
                return self.concepts[entry.concept], entry.match
        return None

    def for_grade(self, result) -> tuple[Concept, str] | None:
        """The concept of the mistake a GradeResult names (its first failing check), or None."""
        failure = getattr(result, "first_failure", None)
        if failure is None:
            return None
        return self.concept_of((failure.message, *failure.diagnosis))

    def exercises_of(self, tag: str) -> tuple[str, ...]:
        concept = self.concepts.get(tag)
        return concept.exercises if concept is not None else ()


class MistakeMapError(ValueError):
    """The map file is malformed; the message says where."""


def _strings(value, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise MistakeMapError(f"{where} should be a list of names")
    return tuple(value)


def parse_map(data, where: str = str(MAP_FILE)) -> MistakeConcepts:
    """The map from its plain YAML values; MistakeMapError names what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict) or not isinstance(data.get("mistakes"), list):
        raise MistakeMapError(f"{where}: needs a `concepts:` mapping and a `mistakes:` list")
    concepts = {}
    for tag, fields in data["concepts"].items():
        if not isinstance(fields, dict) or not all(isinstance(fields.get(k), str) and fields.get(k) for k in ("label", "slip")):
            raise MistakeMapError(f"{where}: concept {tag!r} needs a label and a slip")
        concepts[tag] = Concept(tag, fields["label"], fields["slip"], _strings(fields.get("exercises", []), f"{where}: {tag}.exercises"))
    mistakes = []
    for i, item in enumerate(data["mistakes"], 1):
        if not isinstance(item, dict) or not isinstance(item.get("match"), str) or not item["match"].strip():
            raise MistakeMapError(f"{where}: mistake {i} needs a non-empty `match`")
        if item.get("concept") not in concepts:
            raise MistakeMapError(f"{where}: mistake {i} ({item['match']!r}) names unknown concept {item.get('concept')!r}")
        mistakes.append(MistakeEntry(item["match"], item["concept"]))
    return MistakeConcepts(concepts, tuple(mistakes))


def load_map(path: Path = MAP_FILE) -> MistakeConcepts:
    """Read a map file (anchors, aliases and tags refused, duplicate keys caught)."""
    from ..bank.problems import ProblemList
    from ..bank.yamltree import parse, read_text

    try:
        raw = path.read_bytes()
    except OSError as err:
        raise MistakeMapError(f"{path}: cannot read it ({err.strerror or err})") from None
    problems = ProblemList(str(path))
    text = read_text(raw, problems)
    data = parse(text, problems) if text is not None else None
    if problems:
        raise MistakeMapError(str(problems[0]))
    return parse_map(data, str(path))


@lru_cache(maxsize=1)
def mistake_concepts() -> MistakeConcepts:
    """The shipped map, read once."""
    return load_map(MAP_FILE)
