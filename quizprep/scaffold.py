"""Starters for your own content: a bank with one example of every question type, and an exercise
folder in the built-in exercises' format (exercise.yaml, stub, reference, checks) that already passes
`quizprep check-exercise`."""

from __future__ import annotations

import re
from pathlib import Path

BANK = '''\
# A question bank: one topic per file, the file named after the topic.
# Field by field: docs/authoring.md. Check it with `quizprep validate {path}`.
topic: {topic}
title: "{title}"
description: |
  One paragraph on what this topic covers.
questions:
  # single: exactly one correct choice; every wrong choice says why it is wrong
  - id: {topic}-single-example
    type: single
    difficulty: 1                  # 1 warm-up, 2, 3 hard
    tags: [example]
    prompt: |
      What does ReLU return for a negative input?
    choices:
      - text: "0"
        correct: true
      - text: The input unchanged
        why: That is what it does for positive inputs.
    explanation: |
      relu(x) = max(0, x), so every negative input becomes 0.

  # multiple: tick every correct choice, no more
  - id: {topic}-multiple-example
    type: multiple
    difficulty: 2
    prompt: Which activations saturate for large positive inputs?
    choices:
      - text: sigmoid
        correct: true
      - text: tanh
        correct: true
      - text: ReLU
        why: ReLU grows without bound for positive inputs.
    explanation: sigmoid and tanh flatten out, so their gradients vanish there.

  # true_false: answer is true or false
  - id: {topic}-true-false-example
    type: true_false
    difficulty: 1
    prompt: tanh is zero-centred.
    answer: true
    explanation: tanh(0) = 0 and tanh is an odd function.

  # numeric: a number, with an absolute tolerance and/or a relative one
  - id: {topic}-numeric-example
    type: numeric
    difficulty: 2
    prompt: What is the largest value of the sigmoid's derivative? (two decimals)
    answer: 0.25
    tolerance: 0.005
    explanation: s(x)(1 - s(x)) peaks at s = 0.5, where it is 0.25.

  # short: accepted answers, case- and space-insensitive; /.../ is a regular expression
  - id: {topic}-short-example
    type: short
    difficulty: 1
    prompt: Which loss is usually paired with a softmax output?
    accept: [cross-entropy, "/cross[- ]?entropy( loss)?/"]
    explanation: The negative log-probability of the true class.

  # order: items listed in the right order; learners see them shuffled
  - id: {topic}-order-example
    type: order
    difficulty: 1
    prompt: Put one PyTorch training step in order.
    items: [optimizer.zero_grad(), "loss = criterion(model(X), y)", loss.backward(), optimizer.step()]
    explanation: Clear old gradients, compute the loss, backpropagate, then update.

  # explain: an open question; learners compare with the model answer and tick the key points.
  # A key point is a plain string, or `text:` with `cues:` -- words, phrases or /regular expressions/
  # whose presence in the answer ticks the point for the learner to confirm (case, punctuation and
  # -s/-ing/-ed endings are ignored; a mention after "not", "no", "without" ... does not count).
  # Try them with `quizprep check {topic}-explain-example "your answer"`.
  - id: {topic}-explain-example
    type: explain
    difficulty: 3
    prompt: Why do neural networks need non-linear activations?
    model_answer: |
      Without them every layer is affine, and a composition of affine maps is affine: the whole
      network would collapse into one linear layer, however deep.
    key_points:
      - text: a composition of linear (affine) maps is linear
        cues: [composition, collapse into one, "/(affine|linear) (map|layer|function)s? (is|are) (affine|linear)/"]
      - depth adds nothing without them
      - non-linearity allows curved decision boundaries
    explanation: Stacking matrices multiplies them into one matrix.
'''

EXERCISE_YAML = '''\
# One exercise, in the format of the built-in ones: this file, stub.py, solution.py, check_{id}.py and
# derivation.md (optional: shown by `quizprep explain {id}`). Field by field: docs/authoring.md. `quizprep check-exercise {id}` checks it.
id: {id}
title: "Mean squared error and its gradient"
topic: backprop
difficulty: 1                      # 1 warm-up, 2, 3 hard
# order: 1                         # where it comes among this folder's exercises (without one: after them, by id)
hints:                             # 1 to 3, each more telling
  - "The loss is the mean over every entry of (pred - target) squared."
  - "Only one term of the sum depends on a given pred entry: differentiate that term, and keep the 1/N of the mean."
  - "Each entry of the gradient is 2 (pred - target) / N, with N = pred.size."
'''

EXERCISE_STUB = '''\
"""Mean squared error and its gradient.

mse(pred, target) = mean((pred - target) ** 2), the mean over every entry.

Implement `mse_grad(pred, target)`, the gradient d mse / d pred:
- pred, target: float64 arrays of the same shape (any shape)
- returns: an array shaped like pred, float64
- pred and target stay unchanged.
"""

import numpy as np  # noqa: F401 - yours to use


def mse(pred, target):
    """Given: the loss itself."""
    return float(np.mean((pred - target) ** 2))


def mse_grad(pred, target):
    """d mse / d pred, shaped like pred; pred and target unchanged."""
    raise NotImplementedError


if __name__ == "__main__":
    pred, target = np.array([[0.5, 1.0, -2.0]]), np.array([[0.0, 1.0, 1.0]])
    print("mse:", mse(pred, target), "gradient shape:", np.shape(mse_grad(pred, target)))
'''

EXERCISE_DERIVATION = '''\
# The gradient of the mean squared error

Write the loss entry by entry: with N the number of entries of `pred`,

    mse = (1/N) * sum_k (pred_k - target_k)^2

Only one term of the sum depends on a given `pred_k`, so

    d mse / d pred_k = (1/N) * 2 * (pred_k - target_k)

The gradient has one entry per entry of `pred`, so it has pred's shape. The 1/N stays: the mean
divides by the number of entries, and so does every gradient of it. Dropping it gives the gradient
of the sum of squares, N times too large — the most common mistake here.
'''

EXERCISE_SOLUTION = '''\
"""Reference: the gradient of the mean squared error."""

import numpy as np


def mse(pred, target):
    return float(np.mean((pred - target) ** 2))


def mse_grad(pred, target):
    return 2.0 * (pred - target) / pred.size
'''

EXERCISE_CHECKS = '''\
"""Checks for {id}: compared with the reference and with finite differences; inputs untouched."""

import numpy as np
import pytest

from quizprep.grading.api import expect_array, expect_gradient, expect_unchanged, numerical_gradient, seeded, shape_id

SHAPES = [(1,), (5,), (4, 3)]
INPUTS = {{shape_id(s): (seeded(i).normal(size=s), seeded(i + 100).normal(size=s)) for i, s in enumerate(SHAPES)}}


def on_every_input(m):
    """The learner's gradient for every input, and the inputs as they were after the call (one run per grade)."""
    return {{key: (m.mse_grad(p, t), p, t) for key, (p, t) in INPUTS.items()}}


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    key = shape_id(shape)
    got = learner.run_once(on_every_input)[key][0]
    want = reference.run_once(on_every_input)[key][0]
    pred, _ = INPUTS[key]
    expect_array(got, want, name="mse_grad(pred, target)", inputs={{"pred": pred}},
                 alternatives={{"forgot to divide by the number of entries": want * pred.size}})


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_finite_differences(learner, shape):
    key = shape_id(shape)
    pred, target = INPUTS[key]
    got = learner.run_once(on_every_input)[key][0]
    numeric = numerical_gradient(lambda p: float(np.mean((p - target) ** 2)), pred.copy())
    expect_gradient(got, numeric, name="mse_grad(pred, target)")


def test_inputs_not_modified(learner):
    for key, (_, pred_after, target_after) in learner.run_once(on_every_input).items():
        expect_unchanged(INPUTS[key][0], pred_after, name="pred")
        expect_unchanged(INPUTS[key][1], target_after, name="target")
'''

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
EXERCISE_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


class ScaffoldError(ValueError):
    """Cannot write the starter; the message says why and what to do."""


def new_bank(topic: str, folder: Path) -> Path:
    """Write `<folder>/<topic>.yaml`, a bank that validates as written."""
    if not SLUG.match(topic):
        raise ScaffoldError(f"`{topic}` is not a topic slug — use lowercase letters, digits and '-'")
    path = folder / f"{topic}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists — pick another topic or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(BANK.format(topic=topic, title=topic.replace("-", " ").capitalize(), path=path), encoding="utf-8")
    return path


def new_exercise(exercise_id: str, folder: Path) -> Path:
    """Write `<folder>/<id>/` with exercise.yaml, stub.py, solution.py, check_<id>.py and derivation.md."""
    if not EXERCISE_ID.match(exercise_id):
        raise ScaffoldError(f"`{exercise_id}` is not an exercise id — use lowercase letters, digits and '_', starting with a letter")
    target = folder / exercise_id
    if target.exists():
        raise ScaffoldError(f"{target} already exists — pick another id")
    target.mkdir(parents=True)
    (target / "exercise.yaml").write_text(EXERCISE_YAML.format(id=exercise_id), encoding="utf-8")
    (target / "stub.py").write_text(EXERCISE_STUB, encoding="utf-8")
    (target / "solution.py").write_text(EXERCISE_SOLUTION, encoding="utf-8")
    (target / f"check_{exercise_id}.py").write_text(EXERCISE_CHECKS.format(id=exercise_id), encoding="utf-8")
    (target / "derivation.md").write_text(EXERCISE_DERIVATION, encoding="utf-8")
    return target
