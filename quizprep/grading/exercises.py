"""The exercise catalogue: every exercise is one folder in one format, built-in or yours.

`<root>/<id>/` holds exercise.yaml (id, title, topic, difficulty, hints, optional order), stub.py,
solution.py, check_<id>.py and optionally derivation.md. The built-in exercises are one such root,
your exercise packs are others; one loader and one validator read them all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..paths import content_dir

EXERCISE_FILE = "exercise.yaml"
DERIVATION_FILE = "derivation.md"
REQUIRED = ("id", "title", "topic", "difficulty", "hints")
OPTIONAL = ("order",)
FIELDS = set(REQUIRED) | set(OPTIONAL)
MAX_HINTS = 3


@dataclass(frozen=True)
class Exercise:
    """One exercise: where its stub, reference solution, checks and derivation live, and its hints."""

    id: str
    title: str
    topic: str
    difficulty: int
    order: int
    hints: tuple[str, ...]
    stub: Path
    solution: Path
    checks: Path
    derivation: Path | None = None

    def instructions(self) -> str:
        """The stub's module docstring (the exercise's contract), or "" when it has none or cannot be read."""
        import ast

        try:
            return ast.get_docstring(ast.parse(self.stub.read_text(encoding="utf-8"))) or ""
        except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
            return ""

    def derivation_text(self) -> str | None:
        """The derivation (Markdown), or None when the exercise has none. OSError if it cannot be read."""
        return None if self.derivation is None else self.derivation.read_text(encoding="utf-8", errors="replace")


class CatalogueError(ValueError):
    """An exercise folder is malformed; the message names the file and line."""


def _read_yaml(path: Path) -> tuple[object, str | None]:
    """A YAML file as plain values with positions, with the bank loader's rules (no anchors, aliases or tags), or its first problem."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, f"{path}:1:1: cannot read it: {err.strerror} — check the file"
    from ..bank.problems import ProblemList
    from ..bank.yamltree import parse, read_text

    problems = ProblemList(str(path))
    text = read_text(data, problems)
    value = parse(text, problems) if text is not None else None
    if problems:
        # the shared reader speaks of banks; these files describe exercises
        return None, (str(problems[0]).replace("banks do not use", "exercise files do not use")
                      .replace("banks hold", "exercise files hold")
                      .replace("add `topic:`, `title:` and `questions:`", f"add {', '.join(REQUIRED)}"))
    return value, None


def _at(data: object, meta: Path, key: str | None = None) -> str:
    """`file:line:col` of a field's value (of the whole file without a key)."""
    nodes = getattr(data, "value_nodes", None) or {}
    node = nodes.get(key) if key else getattr(data, "node", None)
    if node is None:
        return f"{meta}:1:1"
    return f"{meta}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _field_problem(data: dict, meta: Path, folder: Path) -> str | None:
    """The first thing wrong with an exercise.yaml's fields, or None."""
    missing, unknown = [f for f in REQUIRED if f not in data], sorted(set(data) - FIELDS)
    if missing or unknown:
        what = "; ".join(x for x in (f"missing {', '.join(missing)}" if missing else "",
                                     f"unknown {', '.join(unknown)}" if unknown else "") if x)
        where = _at(data, meta, unknown[0]) if unknown and not missing else _at(data, meta)
        return f"{where}: {what} — an exercise has {', '.join(REQUIRED)} and optionally {', '.join(OPTIONAL)}"
    if data["id"] != folder.name:
        return f"{_at(data, meta, 'id')}: id `{data['id']}` does not match the folder name `{folder.name}` — rename one"
    for key in ("title", "topic"):
        if not isinstance(data[key], str) or not data[key].strip():
            return f"{_at(data, meta, key)}: {key} must be a line of text — write it out"
    if data["difficulty"] not in (1, 2, 3) or isinstance(data["difficulty"], bool):
        return f"{_at(data, meta, 'difficulty')}: difficulty must be 1, 2 or 3"
    hints = data["hints"]
    if not isinstance(hints, list) or not 1 <= len(hints) <= MAX_HINTS:
        return f"{_at(data, meta, 'hints')}: hints should be a list of 1 to {MAX_HINTS} hints, each more telling"
    if not all(isinstance(h, str) and h.strip() for h in hints):
        return f"{_at(data, meta, 'hints')}: every hint must be text — quote a hint that YAML reads as something else"
    order = data.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int) or order < 1):
        return f"{_at(data, meta, 'order')}: order must be a whole number from 1 — where the exercise comes in its folder"
    return None


def _read_exercise(folder: Path, problems: list[str]) -> tuple[dict, Exercise] | None:
    """One exercise folder, validated (order still to be given), or None with its problem appended."""
    meta = folder / EXERCISE_FILE
    data, problem = _read_yaml(meta)
    if problem is None and not isinstance(data, dict):
        problem = f"{meta}:1:1: expected the fields {', '.join(REQUIRED)} — see `quizprep new exercise ID`"
    problem = problem or _field_problem(data, meta, folder)
    if problem:
        problems.append(problem)
        return None
    eid = data["id"]
    derivation = folder / DERIVATION_FILE
    exercise = Exercise(id=eid, title=data["title"], topic=data["topic"], difficulty=data["difficulty"], order=0,
                        hints=tuple(data["hints"]), stub=folder / "stub.py", solution=folder / "solution.py",
                        checks=folder / f"check_{eid}.py", derivation=derivation if derivation.is_file() else None)
    absent = [p.name for p in (exercise.stub, exercise.solution, exercise.checks) if not p.is_file()]
    if absent:
        problems.append(f"{folder}: missing {', '.join(absent)} — an exercise folder holds {EXERCISE_FILE}, stub.py, solution.py "
                        f"and check_{eid}.py")
        return None
    return data, exercise


def _read_root(root: Path, problems: list[str]) -> list[Exercise]:
    """The exercises of one folder, in their `order` (those without one after, by name)."""
    found: list[tuple[int | None, Exercise, str]] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if not (folder / EXERCISE_FILE).is_file():
            problems.append(f"{folder}: no {EXERCISE_FILE} — `quizprep new exercise ID` shows the layout")
            continue
        read = _read_exercise(folder, problems)
        if read is not None:
            data, exercise = read
            found.append((data.get("order"), exercise, _at(data, folder / EXERCISE_FILE, "order")))
    taken: dict[int, str] = {}
    out = []
    for order, exercise, where in sorted(found, key=lambda f: (f[0] is None, f[0] or 0, f[1].id)):
        if order is not None and order in taken:
            problems.append(f"{where}: order {order} is also `{taken[order]}`'s — give each exercise of a folder its own")
            continue
        if order is not None:
            taken[order] = exercise.id
        out.append(exercise)
    return out


def load_exercises(roots: list[Path], *, builtin: bool = True) -> tuple[tuple[Exercise, ...], tuple[str, ...]]:
    """The exercises of these folders (after the built-in ones), numbered in order, with one line per problem that kept one out."""
    problems: list[str] = []
    exercises: list[Exercise] = []
    where: dict[str, Path] = {}
    for root in ([content_dir("exercises")] if builtin else []) + list(roots):
        if not root.is_dir():
            problems.append(f"{root}: no such folder — check QUIZPREP_EXERCISES or --exercises")
            continue
        for exercise in _read_root(root, problems):
            meta = exercise.stub.parent / EXERCISE_FILE
            if exercise.id in where:
                problems.append(f"{meta}:1:1: exercise id `{exercise.id}` is already taken by {where[exercise.id]} — rename one")
                continue
            where[exercise.id] = meta
            exercises.append(replace(exercise, order=len(exercises) + 1))
    return tuple(exercises), tuple(problems)


def load_all_exercises(pack_dirs: list[Path] | None = None) -> tuple[tuple[Exercise, ...], tuple[str, ...]]:
    """The built-in exercises and those of your exercise packs, with one line per problem that kept one out."""
    from ..paths import exercise_pack_paths

    return load_exercises(pack_dirs if pack_dirs is not None else exercise_pack_paths())


def load_catalogue(exercises_dir: Path | None = None, *, with_packs: bool = True) -> tuple[Exercise, ...]:
    """Every exercise in order: the built-in ones, then your packs (broken ones left out; see load_all_exercises).

    With `exercises_dir`, or `with_packs=False` (the built-in ones only), any problem raises CatalogueError.
    """
    if exercises_dir is None and with_packs:
        return load_all_exercises()[0]
    exercises, problems = load_exercises([exercises_dir] if exercises_dir else [], builtin=exercises_dir is None)
    if problems:
        raise CatalogueError(problems[0])
    return exercises


def find_exercise(exercise_id: str, catalogue: tuple[Exercise, ...] | None = None) -> Exercise | None:
    """The exercise with this id, or None."""
    return next((e for e in (catalogue if catalogue is not None else load_catalogue()) if e.id == exercise_id), None)
