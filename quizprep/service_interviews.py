"""The application layer's part about the interview: the date and the plan to it, readiness on the day,
and mock interviews (planned, kept as they go, and their history). A mixin of `Services` (it uses the
banks, the exercises, the store and `_write` from there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .service_mistakes import locked

if TYPE_CHECKING:
    from .progress.today import Today


class InterviewServices:
    """The interview date, the plan and readiness, and mock interviews."""

    @locked
    def interview_recorder(self, session, write=None):
        """Keeps a running interview in the store as it goes (see InterviewRecorder). Writes are locked and
        quiet on a read-only store, unless `write(fn, *args)` says how the face wants them made."""
        from .progress.interviews import InterviewRecorder

        def locked(fn, *args, **kwargs):
            with self._lock:
                return (write or self._write)(fn, *args, **kwargs)

        return InterviewRecorder(self.store, session, self.exercise_topics, write=locked)

    @locked
    def interview_history(self, unfinished: bool = False) -> list[dict]:
        """Past interviews, oldest first; finished ones only unless asked (the trend is over finished ones)."""
        from .progress.interviews import history

        return history(self.store, unfinished=unfinished)

    @locked
    def plan(self):
        """Today's study plan, or None without an interview date."""
        from .progress.plan import plan_for

        return plan_for(self.store, self.questions, self.exercise_ids)

    @locked
    def set_interview_date(self, day) -> None:
        """Record the interview date `day` (a date). ValueError, one line saying what to do, unless it is after
        today's study day and at most a year ahead; the store's own error when it cannot take it (read-only, busy)."""
        from datetime import date

        from .progress.plan import check_interview_date
        from .progress.scheduler import study_day

        store = self.store
        check_interview_date(day, date.fromisoformat(study_day(store.clock(), store.settings().day_starts_hour)))
        store.set_interview_date(day)

    @locked
    def readiness(self, numbers: Today | None = None):
        """Readiness on the interview day (progress.readiness.Readiness): recall per topic and overall, the
        exercises, the history so far and the projection if the plan is followed; None without a date
        or once it has passed. `numbers`: today(), if known (its plan is reused)."""
        from .progress.readiness import readiness

        return readiness(self.store, self.questions, self.exercise_ids, plan=numbers.plan if numbers is not None else None)

    @locked
    def new_interview(self, minutes: int = 45, seed: int | None = None, clock=None):
        """A planned InterviewSession over the current banks and progress."""
        import random
        import time

        from .progress.interviews import interview_inputs
        from .quiz.interview import InterviewSession, plan_interview

        seed = seed if seed is not None else random.randrange(1 << 30)
        weights, due, candidates = interview_inputs(self.store, self.questions, [(e.id, e.title) for e in self.exercises],
                                                    exercise_topics=self.exercise_topics)
        items = plan_interview(self.catalog.questions, minutes=minutes, seed=seed, topic_weights=weights, due_ids=due, exercises=candidates)
        return InterviewSession(items, minutes, seed=seed, clock=clock or time.monotonic)
