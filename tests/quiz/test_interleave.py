"""Interleaving topics: every item once, each topic in its own order, and no run longer than it must be."""

import itertools
import math
import random

import pytest

from quizprep.quiz.select import interleave_topics


def longest_run(topics):
    return max(len(list(g)) for _, g in itertools.groupby(topics))


def items_for(counts):
    return [(topic, i) for topic, n in counts.items() for i in range(n)]  # bank order: one topic after another


@pytest.mark.parametrize("trial", range(300))
def test_runs_are_as_short_as_the_mix_allows(trial):
    rng = random.Random(trial)
    counts = {f"t{i}": rng.randint(1, 14) for i in range(rng.randint(2, 6))}
    out = interleave_topics(items_for(counts), lambda item: item[0], seed=trial)
    assert sorted(out) == sorted(items_for(counts))                                   # every item, once
    for topic in counts:
        assert [i for t, i in out if t == topic] == list(range(counts[topic]))          # each topic keeps its order
    big = max(counts.values())
    rest = sum(counts.values()) - big
    # the big topic needs at least ceil(big / (rest + 1)) in some run: there are only rest + 1 gaps to put it in
    assert longest_run([t for t, _ in out]) == max(1, math.ceil(big / (rest + 1)))


def test_fourteen_of_one_topic_are_not_served_in_a_row():
    counts = {"activations": 14, "losses": 3, "optim": 3}
    out = [t for t, _ in interleave_topics(items_for(counts), lambda item: item[0], seed="2026-12-01")]
    assert longest_run(out) == 2                     # 14 activation questions around 6 others: 7 gaps, 2 each at most
    assert out.count("activations") == 14


def test_the_same_seed_gives_the_same_order_and_one_topic_is_left_alone():
    items = items_for({"a": 4, "b": 4, "c": 2})
    assert interleave_topics(items, lambda x: x[0], seed=7) == interleave_topics(items, lambda x: x[0], seed=7)
    assert interleave_topics(items_for({"a": 5}), lambda x: x[0], seed=1) == items_for({"a": 5})
    assert interleave_topics([], lambda x: x, seed=1) == []
