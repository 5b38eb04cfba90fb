"""The application layer: what both faces — the command line and the app — ask of the core.

One object composes the banks, the exercises, the progress store and the study arithmetic (today's
numbers, reviews, statistics, the plan, interviews, grades), so every verb and every screen gets the
same numbers from the same calls. Its configuration is explicit: which bank and exercise folders
to load, passed in, never read from module globals. It knows nothing of Textual or of a terminal.

Everything loads lazily, so the app's first frame never waits: banks and exercises are YAML, the
store pulls in FSRS on its first scheduling call, and grading pulls in numpy and pytest only when
something is graded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .service_interviews import InterviewServices
from .service_mistakes import MistakeServices, locked

if TYPE_CHECKING:
    from .bank import QuestionBanks
    from .grading.exercises import Exercise
    from .grading.limits import Limits
    from .grading.result import GradeResult
    from .grading.run import RunResult
    from .progress import ProgressStore
    from .progress.history import GradedVersion
    from .progress.stats import Stats
    from .progress.today import Today


class UnknownExercise(LookupError):
    """No exercise has this id; the message names the ones there are."""

    def __init__(self, exercise_id: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown exercise `{exercise_id}` — choose from {', '.join(known)}")
        self.exercise_id = exercise_id


class UnknownQuestion(LookupError):
    """No question has this id; the message names the closest ones."""

    def __init__(self, question_id: str, known: Sequence[str]) -> None:
        import difflib

        close = difflib.get_close_matches(question_id, known, n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}?" if close else "`quizprep topics` lists the topics, `quizprep quiz -t TOPIC` shows ids"
        super().__init__(f"unknown question `{question_id}` — {hint}")
        self.question_id = question_id


@dataclass
class Services(MistakeServices, InterviewServices):
    """The core, as one object handed to every verb and every screen.

    `bank_paths` / `exercise_paths`: exactly these bank files or folders and exercise pack folders;
    None means the usual ones (built-in, your quizprep home, QUIZPREP_BANKS / QUIZPREP_EXERCISES)
    plus `extra_banks` / `extra_exercises` (--banks / --exercises). `builtin_exercises=False` leaves
    the built-in exercises out (a fixture pack alone). `store_factory` opens the progress store (the
    command line's says the store's notices and turns failures into one line).
    """

    bank_paths: Sequence[Path] | None = None
    exercise_paths: Sequence[Path] | None = None
    extra_banks: Sequence[Path] = ()
    extra_exercises: Sequence[Path] = ()
    builtin_exercises: bool = True
    clock: Callable[[], datetime] | None = None  # for tests; the store's own UTC clock otherwise
    store_factory: Callable[[], ProgressStore] | None = None
    _store: ProgressStore | None = field(default=None, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _answer_uids: list = field(default_factory=list, repr=False)  # uid of each answer recorded here, in order (None: not recorded)

    # -- content ---------------------------------------------------------------------------------
    def bank_folders(self) -> list[Path]:
        """The bank files and folders this configuration loads."""
        from .paths import bank_paths

        return list(self.bank_paths) if self.bank_paths is not None else bank_paths(self.extra_banks)

    def exercise_folders(self) -> list[Path]:
        """The exercise pack folders this configuration loads (after the built-in exercises)."""
        from .paths import exercise_pack_paths

        return list(self.exercise_paths) if self.exercise_paths is not None else exercise_pack_paths(self.extra_exercises)

    @cached_property
    def catalog(self) -> QuestionBanks:
        from .bank import load_banks

        return load_banks(self.bank_folders())

    @cached_property
    def _exercises_and_problems(self) -> tuple:
        from .grading.exercises import load_exercises

        exercises, problems = load_exercises(self.exercise_folders(), builtin=self.builtin_exercises)
        return tuple(exercises), tuple(problems)

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        """Built-in exercises, then those of your packs."""
        return self._exercises_and_problems[0]

    @property
    def exercise_problems(self) -> tuple[str, ...]:
        """One line per exercise pack problem that kept an exercise out."""
        return self._exercises_and_problems[1]

    @property
    def questions(self) -> list[tuple[str, str]]:
        """(id, topic) of every question in the banks: what the study arithmetic counts."""
        return [(q.id, q.topic) for q in self.catalog.questions]

    @property
    def exercise_ids(self) -> list[str]:
        return [e.id for e in self.exercises]

    @property
    def exercise_topics(self) -> dict[str, str]:
        """Exercise id -> topic: a passed exercise counts as study of its topic."""
        return {e.id: e.topic for e in self.exercises}

    def find_exercise(self, exercise_id: str) -> Exercise | None:
        from .grading.exercises import find_exercise

        return find_exercise(exercise_id, self.exercises)

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id; UnknownExercise (naming the ones there are) if there is none."""
        found = self.find_exercise(exercise_id)
        if found is None:
            raise UnknownExercise(exercise_id, self.exercise_ids)
        return found

    # -- progress ----------------------------------------------------------------------------------
    @property
    @locked
    def store(self) -> ProgressStore:
        if self._store is None:
            if self.store_factory is not None:
                self._store = self.store_factory()
            else:
                from .progress import ProgressStore

                self._store = ProgressStore() if self.clock is None else ProgressStore(clock=self.clock)
        return self._store

    @locked
    def stats(self) -> Stats:
        """Progress figures for the current banks and exercises."""
        from .progress.stats import compute_stats

        self.bring_concepts_forward()
        return compute_stats(self.store, self.questions, self.exercise_ids, exercise_topics=self.exercise_topics)

    @locked
    def today(self) -> Today:
        """The study day's plan and new-question allowance."""
        from .progress.today import today

        self.bring_concepts_forward()
        return today(self.store, self.questions, self.exercise_ids)

    @locked
    def review_questions(self, limit: int | None = 20, seed: int | None = None, numbers: Today | None = None) -> list:
        """Due questions, then what is left of today's new ones, topics interleaved (`numbers`: today(), if known)."""
        from .progress.today import todays_review

        ids = todays_review(self.store, self.questions, self.exercise_ids, limit=limit, seed=seed, numbers=numbers,
                            front=self.mistake_front())
        return [self.catalog.question(i) for i in ids]

    def _write(self, write, *args, **kwargs):
        """A store write; on a read-only store (its notice is shown at start) nothing happens."""
        from .progress import ReadOnlyStore

        try:
            return write(*args, **kwargs)
        except ReadOnlyStore:
            return None

    @locked
    def record_answer(self, record, mode: str):
        """Record a quiz answer the moment it is given; returns the outcome (None if read-only)."""
        from .progress.reviews import record_answer

        q = record.item.question
        outcome = self._write(record_answer, self.store, question_id=q.id, topic=q.topic, qtype=q.type, correct=record.verdict.correct,
                              score=record.verdict.score, given=record.given, seconds=record.seconds, mode=mode)
        self._answer_uids.append(outcome.uid if outcome is not None else None)
        if outcome is not None and not record.verdict.correct:
            self.bring_concepts_forward()
        return outcome

    @locked
    def undo_last_answer(self) -> None:
        """Take back the last answer this app recorded (by its uid: another window's answers stay)."""
        uid = self._answer_uids.pop() if self._answer_uids else None
        if uid is not None:
            self._write(self.store.undo_answer, uid)

    @locked
    def record_grade(self, exercise_id: str, result: GradeResult, source: str | bytes | os.PathLike | None = None) -> str | None:
        """Record a grade (a pass also schedules the exercise's next review) and, given the graded `source` (its text
        or bytes, or the graded file's path to read it from now), that version of the learner's file in the exercise's
        history (`grade_history`; a file that cannot be read adds none). Returns a warning to show
        when something other than quizprep changed the progress file while it ran (e.g. the graded code).
        A read-only store records nothing; other store errors (busy, full) are raised as StoreError."""
        from .progress.history import record_version
        from .progress.reviews import record_exercise_grade

        if isinstance(source, os.PathLike):
            try:
                source = Path(source).read_bytes()
            except OSError:
                source = None
        outside = self.store.changed_elsewhere()
        self._write(record_exercise_grade, self.store, exercise_id, result.status, result.passed, len(result.checks), result.duration_s)
        self.note_mistake(exercise_id, result)
        if source is not None:
            self._write(record_version, self.store, exercise_id, source, result.status, result.passed, len(result.checks),
                        result.duration_s)
        if outside:
            return (f"warning: {outside} while this grade ran — if that was not you, restore a backup "
                    f"from {self.store.backups_folder} with `quizprep import FILE`")
        return None

    @locked
    def grade_history(self, exercise_id: str) -> list[GradedVersion]:
        """Every kept graded version of the learner's file for an exercise, oldest first (numbered from 1)."""
        from .progress.history import versions

        return versions(self.store, exercise_id)

    def run_exercise(self, exercise: Exercise | str, path: Path | None = None, *, timeout: float | None = None,
                     limits: Limits | None = None) -> RunResult:
        """Run the learner's file (the workspace copy, or `path`) as a script, its `__main__` block, in the grader's
        sandbox with the grader's limits; nothing is graded or recorded (see grading.run). Slow: call it from a worker.
        Its `warning` says if the progress file changed while the learner's code ran."""
        from dataclasses import replace

        from .grading.limits import Limits
        from .grading.run import run_main

        exercise = self.exercise(exercise) if isinstance(exercise, str) else exercise

        def outside() -> str | None:
            try:
                with self._lock:
                    return self.store.changed_elsewhere()
            except Exception:  # noqa: BLE001 - a store that cannot be opened (its factory said why) does not stop a run
                return None

        before = outside()
        result = run_main(exercise, path, limits or Limits(), timeout=timeout)
        after = outside()
        if after and after != before:
            result = replace(result, warning=f"warning: {after} while your code ran")
        return result

    @locked
    def exercise_status(self, exercise: Exercise) -> str:
        """The exercise's status word (quizprep.grading.status), as `quizprep list` says it."""
        return self.exercise_statuses([exercise])[exercise.id]

    @locked
    def exercise_statuses(self, exercises: Sequence[Exercise] | None = None) -> dict[str, str]:
        """Each exercise's status word (all of them by default): the learner's copy now, a reset or a due review included."""
        from .grading.status import exercise_status
        from .progress.reviews import due_exercises

        chosen = list(self.exercises if exercises is None else exercises)
        last = self.store.last_grades()
        due = frozenset(due_exercises(self.store, [e.id for e in chosen]))
        return {e.id: exercise_status(e, last[e.id]["status"] if e.id in last else None, due=e.id in due) for e in chosen}

    @locked
    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    @locked
    def flag(self, question_id: str, reason: str, note: str = "") -> None:
        self._write(self.store.flag_question, question_id, reason, note)

    @locked
    def is_flagged(self, question_id: str) -> bool:
        """Whether you have flagged this question (and not removed the flag since)."""
        return any(f["question_id"] == question_id for f in self.store.flags())

    @locked
    def remove_flag(self, question_id: str) -> int:
        """Remove your flags on a question; how many there were (0 on a read-only store)."""
        return self._write(self.store.remove_flag, question_id) or 0

    @locked
    def record_event(self, kind: str, ref: str, detail: str = "") -> None:
        self._write(self.store.record_event, kind, ref, detail)

    def search(self, text: str, limit: int | None = None) -> list:
        """Questions and exercises holding every word of `text`, best first (bank.search.SearchHit); no store access."""
        from .bank.search import search

        return search(text, self.catalog.questions, self.exercises, limit=limit)

    @locked
    def preference(self, key: str) -> str | None:
        return self.store.preference(key)

    def peek_preference(self, key: str) -> str | None:
        """The preference, read without opening the store when it is not open yet (for the first frame).

        Raises PreferenceUnknown when that cannot be done at once: then ask `preference` later.
        """
        from .progress.peek import PreferenceUnknown, peek_preference

        if self._store is not None:
            return self.preference(key)
        if self.store_factory is not None:
            raise PreferenceUnknown("a store of the caller's making")  # only it knows where it is
        return peek_preference(key)

    @locked
    def set_preference(self, key: str, value: str) -> None:
        self._write(self.store.set_preference, key, value)

    @locked
    def store_notices(self) -> list[str]:
        """What the store said when it opened (a damaged file moved aside, read-only), to show once."""
        return list(self.store.notices)

    @locked
    def count_events(self, kind: str, ref: str) -> int:
        return self.store.count_events(kind, ref)

    @locked
    def ever_passed(self, exercise_id: str) -> bool:
        return self.store.ever_passed(exercise_id)

    # -- checking without recording ----------------------------------------------------------------
    def question(self, question_id: str):
        """The question with this id; UnknownQuestion (naming close ids) if there is none."""
        found = self.catalog.question(question_id)
        if found is None:
            raise UnknownQuestion(question_id, [q.id for q in self.catalog.questions])
        return found

    def check_answer(self, question_id: str, answer: str):
        """Check a typed answer to a question without recording it (see bank.typed.check_typed: choices and
        items by their 1-based bank numbers, an explain answer ticked as its cues suggest). Raises
        UnknownQuestion for an unknown id, ValueError for an answer that cannot be read."""
        from .bank.typed import check_typed

        return check_typed(self.question(question_id), answer)

    def suggested_ticks(self, question, text: str) -> frozenset[int]:
        """The key points of an explain question that its cues find in the answer text (bank indices)."""
        from .bank.cues import suggested_ticks

        return suggested_ticks(question, text)

    def record_tick_change(self, question, text: str, ticked) -> None:
        """Record how the learner's final ticks of an explain answer differed from the cues' suggestion
        (an event `key_point_ticks` on the question id; nothing for a question without cues)."""
        from .bank.cues import TICK_EVENT, has_cues, tick_change

        if question.type == "explain" and has_cues(question):
            self.record_event(TICK_EVENT, question.id, tick_change(question, text, ticked).detail)
