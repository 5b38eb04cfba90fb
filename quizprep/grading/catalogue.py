"""The exercise catalogue: one data file listing every exercise in the order to do them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..paths import content_dir

CATALOGUE_FILE = "catalogue.yaml"
FIELDS = {"id", "title", "topic", "difficulty", "hints"}


@dataclass(frozen=True)
class Exercise:
    """One exercise: where its stub, reference solution and checks live, and its hints."""

    id: str
    title: str
    topic: str
    difficulty: int
    order: int
    hints: tuple[str, ...]
    stub: Path
    solution: Path
    checks: Path


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the file and line."""


def load_catalogue(exercises_dir: Path | None = None, solutions_dir: Path | None = None) -> tuple[Exercise, ...]:
    """Every exercise in the catalogue, in order."""
    exercises_dir = exercises_dir or content_dir("exercises")
    solutions_dir = solutions_dir or content_dir("solutions")
    path = exercises_dir / CATALOGUE_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as err:
        raise CatalogueError(f"{path}: cannot read the exercise catalogue: {err}") from None
    entries = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogueError(f"{path}:1:1: expected `exercises:` with a list of exercises")
    out = []
    for order, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not FIELDS <= set(entry) or set(entry) - FIELDS:
            raise CatalogueError(f"{path}: exercise #{order} needs exactly the fields {', '.join(sorted(FIELDS))}")
        eid = str(entry["id"])
        out.append(Exercise(
            id=eid, title=str(entry["title"]), topic=str(entry["topic"]), difficulty=int(entry["difficulty"]), order=order,
            hints=tuple(str(h) for h in entry["hints"]), stub=exercises_dir / f"{eid}.py",
            solution=solutions_dir / f"{eid}.py", checks=exercises_dir / "checks" / f"check_{eid}.py",
        ))
    return tuple(out)


def find_exercise(exercise_id: str, catalogue: tuple[Exercise, ...] | None = None) -> Exercise | None:
    """The exercise with this id, or None."""
    return next((e for e in (catalogue or load_catalogue()) if e.id == exercise_id), None)
