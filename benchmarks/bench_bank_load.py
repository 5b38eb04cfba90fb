"""Load + validate a generated 10,000-question bank, against `yaml.load(CSafeLoader)` of the same file.

Run: python benchmarks/bench_bank_load.py [N]. Prints both times (best of several runs) and the ratio;
the target is a ratio of at most 1.5.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from quizprep.bank import load_bank  # noqa: E402

TEMPLATES = {
    "single": """  - id: q-{i}
    type: single
    difficulty: {d}
    tags: [bench, single]
    prompt: |
      Question {i}: which of these is the derivative of the sigmoid at x?
    choices:
      - text: s(x) * (1 - s(x))
        correct: true
        why: The product rule on 1 / (1 + exp(-x)).
      - text: s(x) ** 2
        why: That squares the output; it is not the derivative.
      - text: 1 - tanh(x) ** 2
        why: That is the derivative of tanh.
    explanation: |
      Differentiate 1 / (1 + exp(-x)) and rewrite it in terms of s(x).
""",
    "numeric": """  - id: q-{i}
    type: numeric
    difficulty: {d}
    prompt: What is 0.25 to the power 10? (three significant figures)
    answer: 9.54e-07
    rel_tolerance: 0.01
    explanation: Ten factors of a quarter.
""",
    "short": """  - id: q-{i}
    type: short
    difficulty: {d}
    prompt: Name the loss used with softmax outputs.
    accept: [cross-entropy, "/cross[- ]?entropy( loss)?/"]
    explanation: The negative log-likelihood of the true class.
""",
    "order": """  - id: q-{i}
    type: order
    difficulty: {d}
    prompt: Put the steps of one training iteration in order.
    items: [zero the gradients, forward pass, compute the loss, backward pass, optimizer step]
    explanation: Gradients must be cleared before backward accumulates new ones.
""",
    "explain": """  - id: q-{i}
    type: explain
    difficulty: {d}
    prompt: Why do we need non-linear activations?
    model_answer: |
      Without them a stack of linear layers is one linear map.
    key_points:
      - composition of linear maps is linear
      - depth adds nothing without them
      - non-linearity allows curved decision boundaries
    explanation: A product of matrices is a matrix.
""",
    "true_false": """  - id: q-{i}
    type: true_false
    difficulty: {d}
    prompt: ReLU's gradient is 1 for every positive input.
    answer: true
    explanation: The slope of x is one.
""",
}


def generate(n: int) -> str:
    kinds = list(TEMPLATES)
    body = "".join(TEMPLATES[kinds[i % len(kinds)]].format(i=i, d=1 + i % 3) for i in range(n))
    return "topic: bench\ntitle: Benchmark bank\nquestions:\n" + body


def best_of(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(generate(n), encoding="utf-8")
        loaded = load_bank(path)
        assert not loaded.problems and len(loaded.bank.questions) == n, loaded.problems[:3]
        floor = best_of(lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), 5)
        ours = best_of(lambda: load_bank(path), 5)
    print(f"questions: {n}")
    print(f"floor  yaml.load(CSafeLoader): {floor * 1000:8.1f} ms")
    print(f"quizprep load_bank + validate: {ours * 1000:8.1f} ms")
    print(f"ratio: {ours / floor:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
