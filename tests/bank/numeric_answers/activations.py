"""Independent computations of the numeric answers in question_bank/activations.yaml."""

import math

import numpy as np


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def _sigmoid_grad(x):
    s = _sigmoid(x)
    return s * (1.0 - s)


ANSWERS = {
    # max of s(1 - s) over the reals, reached at x = 0
    "act-sigmoid-grad-max": max(_sigmoid_grad(x) for x in np.linspace(-10, 10, 20001)),
    "act-sigmoid-grad-at-2": _sigmoid_grad(2.0),
    "act-sigmoid-grad-at-10": _sigmoid_grad(10.0),
    "act-ten-layer-sigmoid-product": _sigmoid_grad(5.0) ** 10,
    # computed directly from tanh, independently of the sigmoid identity used in the prompt
    "act-tanh-grad-from-sigmoid": 1.0 - math.tanh(1.0) ** 2,
    "act-relu-backward-numbers": float(
        (np.array([0.4, -0.7, 0.2, -0.5]) * (np.array([-1.5, 0.0, 2.0, 0.3]) > 0).astype(float)).sum()
    ),
}

ALSO_WRONG = {
    # value of the sigmoid at 0 instead of its slope; the tanh peak slope
    "act-sigmoid-grad-max": [0.5, 1.0],
    # s(2) itself; tanh'(2)
    "act-sigmoid-grad-at-2": [_sigmoid(2.0), 1.0 - math.tanh(2.0) ** 2],
    # s(10) itself; the slope coarsely rounded to 5e-5
    "act-sigmoid-grad-at-10": [_sigmoid(10.0), 5e-5],
    # rounding s'(5) to 0.007 before the power; the best case 0.25^10
    "act-ten-layer-sigmoid-product": [0.007 ** 10, 0.25 ** 10],
    # forgetting the factor 4 (or the inner factor 2); tanh(1) itself
    "act-tanh-grad-from-sigmoid": [_sigmoid_grad(2.0), 2 * _sigmoid_grad(2.0), math.tanh(1.0)],
    # letting the entry at exactly 0 through; forgetting the mask
    "act-relu-backward-numbers": [-1.0, -0.6],
}
