"""Finding questions and exercises by the words they hold.

A question is found by words of its prompt, choices (their text and why; an order question's
items), explanation and tags; an exercise by its id and title. Words are runs of letters and digits,
compared without case; a word of the query matches a word of the text it begins (`norm` finds
"normalization"; `log_softmax` is the two words log and softmax). Every word of the query must
match somewhere.

Ranking, best first:
1. an exercise or question whose id is the query itself;
2. more matches in the prompt and tags (an exercise's id and title count here) — a match is one word
   of the text begun by a word of the query;
3. more matches in the choices and explanation;
4. then exercises before questions, and bank order (exercises in catalogue order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from .model import Question

WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchHit:
    kind: str          # "question" or "exercise"
    id: str
    topic: str
    type: str          # the question type, or "exercise"
    text: str          # the prompt, or the exercise's title
    main_matches: int  # in the prompt and tags (an exercise: its id and title)
    other_matches: int  # in the choices and explanation

    def to_dict(self) -> dict:
        return asdict(self)


def words(text: str) -> list[str]:
    """The words of a text, lower case."""
    return WORD.findall(text.lower())


def _matches(query: Sequence[str], text_words: Sequence[str]) -> tuple[set[str], int]:
    """Which query words match, and how many words of the text are matched."""
    found, count = set(), 0
    for w in text_words:
        hit = [q for q in query if w.startswith(q)]
        if hit:
            found.update(hit)
            count += 1
    return found, count


def _question_text(q: Question) -> tuple[list[str], list[str]]:
    main = words(q.prompt) + [w for tag in q.tags for w in words(tag)]
    other = words(q.explanation)
    for c in q.choices:
        other += words(c.text) + words(c.why)
    other += [w for item in q.items for w in words(item)]
    return main, other


def search(text: str, questions: Iterable[Question], exercises: Iterable = (), *, limit: int | None = None) -> list[SearchHit]:
    """Questions and exercises holding every word of `text`, best first (see the module for the order).

    `exercises` are objects with `id`, `title` and `topic` (the catalogue's exercises). An empty query finds nothing.
    """
    query = list(dict.fromkeys(words(text)))
    if not query:
        return []
    exact = text.strip().lower()
    ranked: list[tuple[tuple, SearchHit]] = []
    for order, e in enumerate(exercises):
        found, main = _matches(query, words(e.id) + words(e.title))
        if len(found) == len(query):
            hit = SearchHit("exercise", e.id, e.topic, "exercise", e.title, main, 0)
            ranked.append(((e.id.lower() != exact, -main, 0, 0, order), hit))
    for order, q in enumerate(questions):
        main_words, other_words = _question_text(q)
        found_main, main = _matches(query, main_words)
        found_other, other = _matches(query, other_words)
        if len(found_main | found_other) == len(query):
            hit = SearchHit("question", q.id, q.topic, q.type, q.prompt, main, other)
            ranked.append(((q.id.lower() != exact, -main, -other, 1, order), hit))
    ranked.sort(key=lambda item: item[0])
    hits = [hit for _, hit in ranked]
    return hits if limit is None else hits[:limit]
