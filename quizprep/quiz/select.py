"""Choosing which questions a quiz asks, and in what order (including interleaving topics)."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TypeVar

from ..bank import Question

ORDERS = ("shuffle", "bank", "due")
T = TypeVar("T")


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


def interleave_topics(items: Sequence[T], topic: Callable[[T], str], *, seed: int | str | None = None) -> list[T]:
    """The same items with topics interleaved: each topic keeps its own order, and no topic comes in a longer run than it must.

    When no topic holds more than half the items, no two neighbours share a topic. Otherwise the big
    topic is cut into equal runs, one between each of the other items. Ties are broken by `seed`.
    """
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(topic(item), []).append(item)
    if len(groups) < 2:
        return list(items)
    names = list(groups)
    random.Random(seed).shuffle(names)
    rank = {name: i for i, name in enumerate(names)}
    left = {name: len(group) for name, group in groups.items()}
    big = max(names, key=lambda name: (left[name], -rank[name]))
    rest = len(items) - left[big]
    taken = dict.fromkeys(names, 0)

    def take(name: str) -> T:
        taken[name] += 1
        left[name] -= 1
        return groups[name][taken[name] - 1]

    out: list[T] = []
    if left[big] > rest + 1:
        # more of one topic than there are gaps between the others: equal runs of it around each other item
        others = [n for n in names if n != big]
        runs = [left[big] * (i + 1) // (rest + 1) - left[big] * i // (rest + 1) for i in range(rest + 1)]
        for i, size in enumerate(runs):
            out.extend(take(big) for _ in range(size))
            if i < rest:
                name = max((n for n in others if left[n]), key=lambda n: (left[n], -rank[n]))
                out.append(take(name))
        return out
    previous = None
    while len(out) < len(items):
        # the topic with most left that is not the one just served: never two neighbours alike
        name = max((n for n in names if left[n] and n != previous), key=lambda n: (left[n], -rank[n]))
        out.append(take(name))
        previous = name
    return out
