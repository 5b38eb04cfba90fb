"""Exercise instructions are reflowed for the panel: prose paragraphs and list items lose their hard
line breaks, code keeps them."""

from quizprep.tui.screens.exercise import reflow

DOC = """\
A numerically stable softmax.

Softmax turns a row of K scores into K
probabilities:

    softmax(z)_k = exp(z_k) / sum_j exp(z_j)
    (every row sums to 1)

Implement it:
- z: a float64 array of shape (K,)
  or (N, K)
- returns: a new array
1. Each rule, with g = out.grad, adds
   g * local slope.
       out = a + b      d/da = 1
       out = a * b      d/da = b
   Subtraction is built
   from these."""

EXPECTED = """\
A numerically stable softmax.

Softmax turns a row of K scores into K probabilities:

    softmax(z)_k = exp(z_k) / sum_j exp(z_j)
    (every row sums to 1)

Implement it:
- z: a float64 array of shape (K,) or (N, K)
- returns: a new array
1. Each rule, with g = out.grad, adds g * local slope.
       out = a + b      d/da = 1
       out = a * b      d/da = b
   Subtraction is built from these."""


def test_prose_is_joined_and_code_is_kept():
    assert reflow(DOC) == EXPECTED


def test_every_built_in_exercise_keeps_its_words(app):
    for exercise in app.services.exercises:
        doc = exercise.instructions()
        flowed = reflow(doc)
        assert flowed.split() == doc.split(), exercise.id  # nothing lost, nothing added
        assert len(flowed.splitlines()) < len(doc.splitlines()) or len(doc.splitlines()) < 3, exercise.id
