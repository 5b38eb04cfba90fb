"""Independent computations of the numeric answers in question_bank/nonlinearity.yaml."""

import math

import numpy as np

_W1 = np.array([[1, 2], [0, -1], [3, 1]], dtype=float)
_b1 = np.array([1, -2, 0.5])
_W2 = np.array([[2, -1, 0], [1, 1, 1]], dtype=float)
_b2 = np.array([0.5, -1])


def _relu(z):
    return np.maximum(0.0, z)


def _count_pieces(f, lo=-20.0, hi=20.0, n=400001):
    """Count maximal affine pieces of a piecewise-linear f by scanning slope changes."""
    xs = np.linspace(lo, hi, n)
    slopes = np.diff(f(xs)) / np.diff(xs)
    changes = np.abs(np.diff(slopes)) > 1e-6
    # a kink that falls strictly inside a grid cell shows up as two consecutive changes
    kinks = 0
    i = 0
    while i < len(changes):
        if changes[i]:
            kinks += 1
            i += 2
        else:
            i += 1
    return kinks + 1


ANSWERS = {
    "nl-collapsed-weight-entry": float((_W2 @ _W1)[1, 0]),
    "nl-collapsed-bias": float((_W2 @ _b1 + _b2)[0]),
    "nl-collapsed-params": 784 * 10 + 10,
    "nl-rank-bottleneck": int(
        np.linalg.matrix_rank(
            np.random.default_rng(0).standard_normal((10, 5))
            @ np.random.default_rng(1).standard_normal((5, 784))
        )
    ),
    # XOR net with the relus removed, evaluated at (0, 0)
    "nl-xor-without-relu": (lambda x1, x2: (x1 + x2) - 2 * (x1 + x2 - 1))(0.0, 0.0),
    "nl-relu-linear-pieces": _count_pieces(
        lambda x: 2 * _relu(x) - _relu(x - 1) - _relu(2 * x - 2) + _relu(3 - x)
    ),
}

ALSO_WRONG = {
    "nl-collapsed-weight-entry": [float((_W1 @ _W2)[1, 0]), float((_W2 @ _W1)[1, 1])],  # wrong order; wrong column
    "nl-collapsed-bias": [float((_W2 @ _b1)[0]), float(_b1[0] + _b2[0])],  # forgot b2; added biases directly
    "nl-collapsed-params": [784 * 10, 784 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10],  # no bias; the stack
    "nl-rank-bottleneck": [10, 784],  # output width; input width
    "nl-xor-without-relu": [0.0, -2.0],  # kept the relu; sign slip
    "nl-relu-linear-pieces": [5, 3],  # k + 1 ignoring the shared kink; counted kinks not pieces
}

assert math.isclose(ANSWERS["nl-collapsed-params"], 7850)
