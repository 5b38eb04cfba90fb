"""What the screens use of the core, loaded lazily so the first frame never waits for it.

Banks and the exercise catalogue are cheap (YAML); the progress store pulls in FSRS on its first
scheduling call, and grading pulls in numpy and pytest only when something is graded.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property, wraps


def _locked(method):
    """Store access from the UI thread and from workers never overlaps (one SQLite connection)."""
    @wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


@dataclass
class Services:
    """The core, as one object handed to every screen."""

    bank_paths: list | None = None
    clock: object = None  # a () -> datetime for tests; the store's own UTC clock otherwise
    _store: object = field(default=None, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _answer_uids: list = field(default_factory=list, repr=False)  # uid of each answer recorded here, in order (None: not recorded)

    @cached_property
    def catalog(self):
        from ..bank import load_banks
        from ..paths import bank_paths

        return load_banks(self.bank_paths if self.bank_paths is not None else bank_paths())

    @cached_property
    def _exercises_and_problems(self) -> tuple:
        from ..grading.catalogue import load_all_exercises

        return load_all_exercises()

    @property
    def exercises(self) -> tuple:
        """Built-in exercises, then those of your packs."""
        return self._exercises_and_problems[0]

    @property
    def exercise_problems(self) -> tuple[str, ...]:
        """One line per exercise pack problem that kept an exercise out."""
        return self._exercises_and_problems[1]

    @property
    @_locked
    def store(self):
        if self._store is None:
            from ..progress import ProgressStore

            self._store = ProgressStore() if self.clock is None else ProgressStore(clock=self.clock)
        return self._store

    def exercise(self, exercise_id: str):
        return next((e for e in self.exercises if e.id == exercise_id), None)

    @_locked
    def stats(self):
        """Progress figures for the current banks and exercises."""
        from ..progress.stats import compute_stats

        return compute_stats(self.store, [(q.id, q.topic) for q in self.catalog.questions], [e.id for e in self.exercises],
                             exercise_topics={e.id: e.topic for e in self.exercises})

    @_locked
    def today(self):
        """The study day's plan and new-question allowance (progress.today.Today)."""
        from ..progress.today import today

        return today(self.store, [(q.id, q.topic) for q in self.catalog.questions], [e.id for e in self.exercises])

    @_locked
    def review_questions(self, limit: int = 20) -> list:
        """Due questions, then what is left of today's new ones, topics interleaved."""
        from ..progress.today import todays_review

        ids = todays_review(self.store, [(q.id, q.topic) for q in self.catalog.questions], [e.id for e in self.exercises], limit=limit)
        return [self.catalog.question(i) for i in ids]

    def _write(self, write, *args, **kwargs):
        """A store write; on a read-only store (its notice is shown at start) nothing happens."""
        from ..progress import ReadOnlyStore

        try:
            return write(*args, **kwargs)
        except ReadOnlyStore:
            return None

    @_locked
    def record_answer(self, record, mode: str):
        """Record a quiz answer the moment it is given; returns the outcome (None if read-only)."""
        from ..progress.reviews import record_answer

        q = record.item.question
        outcome = self._write(record_answer, self.store, question_id=q.id, topic=q.topic, qtype=q.type, correct=record.verdict.correct,
                              score=record.verdict.score, given=record.given, seconds=record.seconds, mode=mode)
        self._answer_uids.append(outcome.uid if outcome is not None else None)
        return outcome

    @_locked
    def undo_last_answer(self) -> None:
        """Take back the last answer this app recorded (by its uid: another window's answers stay)."""
        uid = self._answer_uids.pop() if self._answer_uids else None
        if uid is not None:
            self._write(self.store.undo_answer, uid)

    @_locked
    def record_grade(self, exercise_id: str, result) -> None:
        from ..progress.reviews import record_exercise_grade

        self._write(record_exercise_grade, self.store, exercise_id, result.status, result.passed, len(result.checks), result.duration_s)

    @_locked
    def exercise_status(self, exercise) -> str:
        from ..grading.workspace import exercise_status

        last = self.store.last_grades().get(exercise.id)
        return exercise_status(exercise, last["status"] if last is not None else None)

    @_locked
    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    @_locked
    def flag(self, question_id: str, reason: str, note: str = "") -> None:
        self._write(self.store.flag_question, question_id, reason, note)

    @_locked
    def is_flagged(self, question_id: str) -> bool:
        """Whether you have flagged this question (and not removed the flag since)."""
        return any(f["question_id"] == question_id for f in self.store.flags())

    @_locked
    def remove_flag(self, question_id: str) -> int:
        """Remove your flags on a question; how many there were (0 on a read-only store)."""
        return self._write(self.store.remove_flag, question_id) or 0

    @_locked
    def record_event(self, kind: str, ref: str, detail: str = "") -> None:
        self._write(self.store.record_event, kind, ref, detail)

    @_locked
    def interview_recorder(self, session, topic_of_exercise=None):
        """Keeps a running interview in the store as it goes (see InterviewRecorder); writes are locked, read-only is quiet."""
        from ..progress.interviews import InterviewRecorder

        def write(fn, *args, **kwargs):
            with self._lock:
                return self._write(fn, *args, **kwargs)

        return InterviewRecorder(self.store, session, topic_of_exercise, write=write)

    @_locked
    def interview_history(self, unfinished: bool = False) -> list[dict]:
        """Past interviews, oldest first; finished ones only unless asked (the trend is over finished ones)."""
        from ..progress.interviews import history

        return history(self.store, unfinished=unfinished)

    @_locked
    def plan(self):
        """Today's study plan, or None without an interview date."""
        from ..progress.plan import plan_for

        return plan_for(self.store, [(q.id, q.topic) for q in self.catalog.questions], [e.id for e in self.exercises])

    @_locked
    def new_interview(self, minutes: int = 45, seed: int | None = None, clock=None):
        """A planned InterviewSession over the current banks and progress."""
        import random
        import time

        from ..progress.interviews import interview_inputs
        from ..quiz.interview import InterviewSession, plan_interview

        seed = seed if seed is not None else random.randrange(1 << 30)
        weights, due, candidates = interview_inputs(self.store, [(q.id, q.topic) for q in self.catalog.questions],
                                                    [(e.id, e.title) for e in self.exercises])
        items = plan_interview(self.catalog.questions, minutes=minutes, seed=seed, topic_weights=weights, due_ids=due, exercises=candidates)
        return InterviewSession(items, minutes, seed=seed, clock=clock or time.monotonic)

    @_locked
    def preference(self, key: str) -> str | None:
        return self.store.preference(key)

    @_locked
    def set_preference(self, key: str, value: str) -> None:
        self._write(self.store.set_preference, key, value)

    @_locked
    def store_notices(self) -> list[str]:
        """What the store said when it opened (a damaged file moved aside, read-only), to show once."""
        return list(self.store.notices)

    @_locked
    def count_events(self, kind: str, ref: str) -> int:
        return self.store.count_events(kind, ref)

    @_locked
    def ever_passed(self, exercise_id: str) -> bool:
        return self.store.ever_passed(exercise_id)
