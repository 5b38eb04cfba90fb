"""Choosing which questions a quiz asks, and in what order."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable

from ..bank import Question

ORDERS = ("shuffle", "bank", "due")


def select_questions(
    questions: Iterable[Question],
    *,
    topics: Collection[str] | None = None,
    difficulties: Collection[int] | None = None,
    types: Collection[str] | None = None,
    tags: Collection[str] | None = None,
    count: int | None = None,
    order: str = "shuffle",
    seed: int | None = None,
    priority: Callable[[Question], float] | None = None,
) -> list[Question]:
    """Filter questions, order them and keep the first `count`.

    `shuffle` is random (reproducible with `seed`), `bank` keeps file order, `due` sorts by
    `priority` (smaller first, e.g. how overdue a card is) with ties shuffled by `seed`.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    picked = [
        q for q in questions
        if (not topics or q.topic in topics)
        and (not difficulties or q.difficulty in difficulties)
        and (not types or q.type in types)
        and (not tags or set(q.tags) & set(tags))
    ]
    if order != "bank":
        random.Random(seed).shuffle(picked)
    if order == "due":
        if priority is None:
            raise ValueError("order 'due' needs a priority function")
        picked.sort(key=priority)  # stable: ties keep the shuffled order
    return picked if count is None else picked[: max(count, 0)]
