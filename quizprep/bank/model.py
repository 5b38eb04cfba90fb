"""What a question bank holds, as small frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field

DIFFICULTIES = (1, 2, 3)


@dataclass(frozen=True)
class Choice:
    """One choice of a single- or multiple-answer question."""

    text: str
    correct: bool
    why: str = ""


@dataclass(frozen=True)
class Question:
    """One question; fields that do not apply to its type stay empty."""

    id: str
    topic: str
    type: str
    difficulty: int
    prompt: str
    explanation: str
    tags: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    answer: bool | float | None = None  # true_false: bool, numeric: float
    tolerance: float | None = None
    rel_tolerance: float | None = None
    accept: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    model_answer: str = ""
    key_points: tuple[str, ...] = ()
    # explain: the cues of each key point, parallel to key_points (an empty tuple: that point has none)
    key_point_cues: tuple[tuple[str, ...], ...] = ()
    path: str = ""
    line: int = 0

    @property
    def correct_choices(self) -> frozenset[int]:
        """Indices (in bank order) of the correct choices."""
        return frozenset(i for i, c in enumerate(self.choices) if c.correct)

    @property
    def where(self) -> str:
        """`file:line` of the question, for messages."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Bank:
    """One topic's questions, as loaded from one file."""

    topic: str
    title: str
    description: str
    path: str
    questions: tuple[Question, ...] = field(default=())
