"""The application layer's part about named mistakes: a mistake the grader names puts the questions of
its concept at the front of the next review, and a concept missed three times brings its exercise
forward. A mixin of `Services` (it uses the banks, the store and `_write` from there).
"""

from __future__ import annotations

from functools import cached_property, wraps
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grading.result import GradeResult


def locked(method):
    """Store access from the UI thread and from workers never overlaps (one SQLite connection)."""
    @wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


class MistakeServices:
    """Named mistakes and the questions and exercises they bring forward."""

    @cached_property
    def concept_questions(self) -> dict[str, list[str]]:
        """Each concept of the mistake map (a question tag) -> the ids of the questions carrying it, in bank order."""
        from .grading.mistake_concepts import mistake_concepts

        out: dict[str, list[str]] = {tag: [] for tag in mistake_concepts().concepts}
        for q in self.catalog.questions:
            for tag in dict.fromkeys(q.tags):
                if tag in out:
                    out[tag].append(q.id)
        return out

    @locked
    def note_mistake(self, exercise_id: str, result: GradeResult) -> bool:
        """When the grade's first failing check names a mistake of the map, remember it: the questions of its
        concept wait at the front of the next review. True if one was noted (record_grade calls this)."""
        from .grading.mistake_concepts import mistake_concepts
        from .progress import StoreError
        from .progress.mistakes import record_mistake

        found = mistake_concepts().for_grade(result)
        if found is None or not self.concept_questions.get(found[0].tag):
            return False
        try:
            return self._write(record_mistake, self.store, exercise_id, found[0].tag, found[1]) is not None
        except StoreError:  # the grade itself is recorded; only the reminder is lost
            return False

    @locked
    def mistake_front(self) -> list[str]:
        """Question ids that named mistakes put first in the review queue (newest mistake's first)."""
        from .progress.mistakes import front_of_queue, pending_mistakes

        return front_of_queue(pending_mistakes(self.store, self.concept_questions))

    @locked
    def mistake_reasons(self, exercise_id: str | None = None) -> list[str]:
        """One line per named mistake whose questions wait and per exercise that missed questions brought
        forward (only `exercise_id`'s, if given), newest first — e.g. "in `linear` you divided by the wrong N:
        3 questions on mean vs sum are waiting"."""
        from .grading.mistake_concepts import mistake_concepts
        from .progress.mistakes import reason_lines

        return reason_lines(self.store, self.concept_questions, mistake_concepts().concepts, exercise_id)

    @locked
    def mistake_reason(self, exercise_id: str, result: GradeResult) -> str | None:
        """The reason line of the mistake this grade names, while its questions wait (None if it names none)."""
        from .grading.mistake_concepts import mistake_concepts
        from .progress.mistakes import reason_lines

        found = mistake_concepts().for_grade(result)
        if found is None:
            return None
        lines = reason_lines(self.store, self.concept_questions, mistake_concepts().concepts, exercise_id, concept=found[0].tag)
        return lines[0] if lines else None

    @locked
    def bring_concepts_forward(self) -> list[str]:
        """Make due now the exercises of a concept missed three times since they were last passed (see
        progress.mistakes); returns their ids. Quiet when the store cannot be written just now."""
        from .grading.mistake_concepts import mistake_concepts
        from .progress import StoreError
        from .progress.mistakes import bring_forward

        exercises_of = {tag: c.exercises for tag, c in mistake_concepts().concepts.items() if c.exercises}
        try:
            done = self._write(bring_forward, self.store, self.concept_questions, exercises_of)
        except StoreError:  # busy or full: the count stands, and the next call brings them forward
            return []
        return [f.exercise for f in done or ()]
