"""The exercise catalogue: the built-in exercises (one data file lists them in order) and your own
exercise packs (one folder per exercise: exercise.yaml, stub.py, solution.py, check_<id>.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


def _read_yaml(path: Path, *, trusted: bool = False) -> tuple[object, str | None]:
    """A YAML file as plain values, with the bank loader's rules (no anchors, aliases or tags), or its first problem.

    `trusted` (the built-in catalogue, shipped with quizprep) skips those rules unless the file does not parse.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, f"{path}:1:1: cannot read it: {err.strerror} — check the file"
    if trusted or not any(c in data for c in (b"&", b"*", b"!")):  # no anchor, alias or tag here: the plain parser is safe
        import yaml

        try:
            return yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), None
        except (UnicodeDecodeError, yaml.YAMLError):
            pass  # the bank loader's reader below says where and what
    from ..bank.problems import ProblemList
    from ..bank.yamltree import parse, read_text

    problems = ProblemList(str(path))
    text = read_text(data, problems)
    value = parse(text, problems) if text is not None else None
    if problems:
        # the shared reader speaks of banks; these files describe exercises
        return None, str(problems[0]).replace("banks do not use", "exercise files do not use").replace("banks hold", "exercise files hold")
    return value, None


def load_catalogue(exercises_dir: Path | None = None, solutions_dir: Path | None = None, *,
                   with_packs: bool = True) -> tuple[Exercise, ...]:
    """Every exercise in order: the built-in catalogue, then your packs (broken ones left out; see load_all_exercises)."""
    if with_packs and exercises_dir is None and solutions_dir is None:
        return load_all_exercises()[0]
    exercises_dir = exercises_dir or content_dir("exercises")
    solutions_dir = solutions_dir or content_dir("solutions")
    path = exercises_dir / CATALOGUE_FILE
    data, problem = _read_yaml(path, trusted=exercises_dir == content_dir("exercises"))
    if problem:
        raise CatalogueError(problem)
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


PACK_FILE = "exercise.yaml"
PACK_FIELDS = {"id", "title", "topic", "difficulty", "hints"}


def _pack_exercise(folder: Path, order: int, problems: list[str]) -> Exercise | None:
    meta = folder / PACK_FILE
    data, problem = _read_yaml(meta)
    if problem:
        problems.append(problem)
        return None
    if not isinstance(data, dict):
        problems.append(f"{meta}:1:1: expected the fields {', '.join(sorted(PACK_FIELDS))}")
        return None
    missing, unknown = PACK_FIELDS - set(data), set(data) - PACK_FIELDS
    if missing or unknown:
        what = "; ".join(x for x in (f"missing {', '.join(sorted(missing))}" if missing else "",
                                     f"unknown {', '.join(sorted(unknown))}" if unknown else "") if x)
        problems.append(f"{meta}:1:1: {what} — an exercise has {', '.join(sorted(PACK_FIELDS))}")
        return None
    eid = str(data["id"])
    hints = data["hints"]
    if eid != folder.name:
        problems.append(f"{meta}:1:1: id `{eid}` does not match the folder name `{folder.name}` — rename one")
        return None
    if data["difficulty"] not in (1, 2, 3) or isinstance(data["difficulty"], bool):
        problems.append(f"{meta}:1:1: difficulty must be 1, 2 or 3")
        return None
    if not isinstance(hints, list) or not 1 <= len(hints) <= 3:
        problems.append(f"{meta}:1:1: hints should be a list of 1 to 3 hints")
        return None
    exercise = Exercise(id=eid, title=str(data["title"]), topic=str(data["topic"]), difficulty=int(data["difficulty"]), order=order,
                        hints=tuple(str(h) for h in hints), stub=folder / "stub.py", solution=folder / "solution.py",
                        checks=folder / f"check_{eid}.py")
    absent = [p.name for p in (exercise.stub, exercise.solution, exercise.checks) if not p.is_file()]
    if absent:
        problems.append(f"{folder}: missing {', '.join(absent)} — an exercise folder holds {PACK_FILE}, stub.py, solution.py "
                        f"and check_{eid}.py")
        return None
    return exercise


def load_all_exercises(pack_dirs: list[Path] | None = None) -> tuple[tuple[Exercise, ...], tuple[str, ...]]:
    """The built-in exercises and those of your exercise packs, with one line per problem that kept one out."""
    from ..paths import exercise_pack_paths

    problems: list[str] = []
    try:
        exercises = list(load_catalogue(with_packs=False))
    except CatalogueError as err:
        exercises, problems = [], [str(err)]
    where = {e.id: str(e.stub.parent / CATALOGUE_FILE) if e.stub.parent.joinpath(CATALOGUE_FILE).exists() else str(e.stub.parent)
             for e in exercises}
    for root in pack_dirs if pack_dirs is not None else exercise_pack_paths():
        if not root.is_dir():
            problems.append(f"{root}: no such folder — check QUIZPREP_EXERCISES or --exercises")
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            if not (folder / PACK_FILE).is_file():
                problems.append(f"{folder}: no {PACK_FILE} — `quizprep new exercise ID` shows the layout")
                continue
            exercise = _pack_exercise(folder, len(exercises) + 1, problems)
            if exercise is None:
                continue
            if exercise.id in where:
                problems.append(f"{folder / PACK_FILE}:1:1: exercise id `{exercise.id}` is already taken by {where[exercise.id]}"
                                " — rename one")
                continue
            where[exercise.id] = str(folder / PACK_FILE)
            exercises.append(exercise)
    return tuple(exercises), tuple(problems)


def find_exercise(exercise_id: str, catalogue: tuple[Exercise, ...] | None = None) -> Exercise | None:
    """The exercise with this id, or None."""
    return next((e for e in (catalogue or load_catalogue()) if e.id == exercise_id), None)
