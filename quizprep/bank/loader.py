"""Loading bank files and folders into a `QuestionBanks`, reporting problems instead of raising."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Bank, Question
from .problems import Problem, ProblemList
from .validate import build_bank
from .yamltree import parse, read_text


@dataclass(frozen=True)
class BankLoad:
    """One file's outcome: the bank of its valid questions (or None) and what was wrong."""

    path: str
    bank: Bank | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class QuestionBanks:
    """Every loaded bank, with the problems that kept questions or files out."""

    banks: tuple[Bank, ...] = ()
    problems: tuple[Problem, ...] = ()
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions, bank by bank in file order."""
        return tuple(q for b in self.banks for q in b.questions)

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(b.topic for b in self.banks)

    def bank(self, topic: str) -> Bank | None:
        """The bank for a topic slug, or None."""
        return next((b for b in self.banks if b.topic == topic), None)

    def question(self, qid: str) -> Question | None:
        """The question with this id, or None."""
        return self._by_id.get(qid)


def load_bank(path: str | Path) -> BankLoad:
    """Load and validate one bank file."""
    path = Path(path)
    problems = ProblemList(str(path))
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.at((0, 0), f"cannot read the file: {err.strerror or err} — check the path and its permissions")
        return BankLoad(str(path), None, tuple(problems))
    bank = None
    text = read_text(data, problems)
    if text is not None:
        root = parse(text, problems)
        if root is not None:
            bank = build_bank(root, path, problems)
    return BankLoad(str(path), bank, tuple(problems))


def bank_files(paths: Iterable[str | Path]) -> list[Path]:
    """The bank files named by paths: a file as it is, a folder's `*.yaml`/`*.yml` in name order."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file()))
        else:
            files.append(p)
    return files


def load_banks(paths: Iterable[str | Path]) -> QuestionBanks:
    """Load every bank under the given files and folders; ids and topics must be unique across all."""
    problems: list[Problem] = []
    banks: list[Bank] = []
    by_id: dict[str, Question] = {}
    topics: dict[str, Bank] = {}
    for path in bank_files(paths):
        loaded = load_bank(path)
        problems.extend(loaded.problems)
        bank = loaded.bank
        if bank is None:
            continue
        if bank.topic in topics:
            other = topics[bank.topic]
            problems.append(Problem(bank.path, 1, 1,
                                    f"topic `{bank.topic}` is already loaded from {other.path} — rename one topic (and its file)"))
            continue
        kept = []
        for q in bank.questions:
            first = by_id.get(q.id)
            if first is not None:
                problems.append(Problem(q.path, q.line, 1, f"duplicate id `{q.id}`, also at {first.where} — give each question its own id"))
                continue
            by_id[q.id] = q
            kept.append(q)
        if len(kept) != len(bank.questions):
            bank = Bank(bank.topic, bank.title, bank.description, bank.path, tuple(kept))
        topics[bank.topic] = bank
        banks.append(bank)
    return QuestionBanks(tuple(banks), tuple(problems), by_id)
