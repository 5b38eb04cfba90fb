"""Independent computations of the numeric answers in question_bank/vanishing-gradients.yaml."""

import math

import numpy as np


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def _sigmoid_grad(x):
    s = _sigmoid(x)
    return s * (1.0 - s)


ANSWERS = {
    # best-case sigmoid slope 0.25, ten layers
    "vg-best-case-ten-layers": _sigmoid_grad(0.0) ** 10,
    "vg-sigmoid-grad-at-5": _sigmoid_grad(5.0),
    "vg-sigmoid-grad-at-10": _sigmoid_grad(10.0),
    # the prompt gives sigma'(5) as 0.006648
    "vg-ten-saturated-layers": 0.006648 ** 10,
    # bound on the spectral norm of prod_t diag(tanh') W with ||W||_2 = 0.9 and |tanh'| <= 1
    "vg-rnn-time-steps": float(np.prod(np.full(50, 0.9 * 1.0))),
}

ALSO_WRONG = {
    # adding instead of multiplying; one layer short
    "vg-best-case-ten-layers": [0.25 * 10, 0.25 ** 9],
    # the sigmoid itself instead of its slope; rounding to one significant figure
    "vg-sigmoid-grad-at-5": [_sigmoid(5.0), 0.007],
    "vg-sigmoid-grad-at-10": [_sigmoid(10.0), 5e-5],
    # the rounded per-layer factor 0.007, and the wrong value 3e-21 quoted for 0.007**10
    "vg-ten-saturated-layers": [0.007 ** 10, 3e-21],
    # multiplying instead of raising to a power; one step short
    "vg-rnn-time-steps": [0.9 * 50, 0.9 ** 49],
}
