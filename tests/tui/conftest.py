"""A small bank with one question of every type, a pack of three exercises (relu_grad, softmax, adam),
and an app over both with an empty home: the tests do not depend on the built-in content."""

import textwrap
from pathlib import Path

import pytest

from quizprep.services import Services
from quizprep.tui.app import QuizprepApp

BANK = textwrap.dedent("""\
    topic: demo
    title: Demo topic
    questions:
      - id: d-single
        type: single
        difficulty: 1
        prompt: Which is the derivative of relu at 3?
        choices:
          - text: "1"
            correct: true
          - text: "0"
            why: Zero is the slope on the negative side.
          - text: "3"
            why: That is the value, not the slope.
          - text: "[b]bold[/b] np.array([1.])"
            why: Brackets are shown as typed, never as markup.
        explanation: The slope of x is one.
      - id: d-multiple
        type: multiple
        difficulty: 2
        prompt: Which saturate?
        choices:
          - text: sigmoid
            correct: true
          - text: tanh
            correct: true
          - text: relu
            why: ReLU does not saturate for positive inputs.
        explanation: Both squash to a bounded range.
      - id: d-tf
        type: true_false
        difficulty: 1
        prompt: tanh is zero-centred.
        answer: true
        explanation: tanh(0) = 0 and it is odd.
      - id: d-numeric
        type: numeric
        difficulty: 3
        prompt: What is sigmoid'(0)?
        answer: 0.25
        tolerance: 0.001
        explanation: s(0)(1 - s(0)) = 0.25.
      - id: d-short
        type: short
        difficulty: 1
        prompt: Name the loss used with softmax.
        accept: [cross-entropy, "/cross[- ]?entropy/"]
        explanation: Negative log-likelihood of the true class.
      - id: d-order
        type: order
        difficulty: 2
        prompt: Order one training step.
        items: [zero_grad, forward, backward, step]
        explanation: Clear, compute, differentiate, update.
      - id: d-explain
        type: explain
        difficulty: 3
        prompt: Why do we need non-linear activations?
        model_answer: Without them, stacked linear layers collapse into one linear map.
        key_points:
          - text: composition of linear maps is linear
            cues: [collapse, linear map, product of matrices]
          - text: depth adds nothing
            cues: [depth adds nothing, one layer, single layer]
          - non-linear boundaries
        explanation: A product of matrices is a matrix.
    """)


FIXTURE_EXERCISES = Path(__file__).with_name("fixture_exercises")  # copies of three built-in exercises


def fixture_services(bank_paths, **kwargs) -> Services:
    """Services over `bank_paths` and the fixture exercise pack alone (no built-in exercises)."""
    return Services(bank_paths=bank_paths, exercise_paths=[FIXTURE_EXERCISES], builtin_exercises=False, **kwargs)


@pytest.fixture
def bank_dir(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "demo.yaml").write_text(BANK)
    return folder


@pytest.fixture
def app(bank_dir):
    return QuizprepApp(fixture_services([bank_dir]), animate=False)


async def workers_done(app) -> None:
    """Wait until no worker of `app` runs. A worker that a newer one of its group replaced (the home's
    figures, refreshed when the home comes back) ends cancelled, which is no failure of the screen: it is
    not waited for, and one cancelled while it is waited for only means waiting for the rest."""
    from textual.worker import WorkerCancelled, WorkerState

    for _ in range(200):
        running = [w for w in app.workers if w.state not in (WorkerState.CANCELLED, WorkerState.SUCCESS, WorkerState.ERROR)]
        if not running:
            return
        try:
            await app.workers.wait_for_complete(running)
            return
        except WorkerCancelled:
            continue
