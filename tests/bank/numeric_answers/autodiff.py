"""Independent computations of the numeric answers in question_bank/autodiff.yaml."""

import math

import numpy as np


def _diamond_grad(a):
    # b = 2a, c = a + b, d = b * c, e = c + d; reverse-mode sweep from e.
    b = 2 * a
    c = a + b
    e_bar = 1.0
    d_bar = e_bar
    c_bar = e_bar + d_bar * b
    b_bar = d_bar * c + c_bar
    return c_bar + 2 * b_bar


ANSWERS = {
    # d = a*a + a  ->  dd/da = 2a + 1 at a = 3
    "ad-node-used-twice": (lambda a: 2 * a + 1)(3.0),
    # d(x^2)/dx + d(x^3)/dx accumulated at x = 2
    "ad-backward-twice-accumulates": (lambda x: 2 * x + 3 * x ** 2)(2.0),
    # f = (a*b + c) * a  ->  df/da = 2ab + c
    "ad-two-path-gradient": (lambda a, b, c: 2 * a * b + c)(2.0, -3.0, 10.0),
    # e = 3a + 6a^2 written as an explicit reverse sweep, at a = 2
    "ad-diamond-graph-gradient": _diamond_grad(2.0),
    # 64 layers, segments of 8: 8 checkpoints + 8 recomputed layers, 0.5 GiB each
    "ad-checkpointing-memory": (lambda layers, seg, gib: (layers / seg) * gib + seg * gib)(64, 8, 0.5),
}

ALSO_WRONG = {
    "ad-node-used-twice": [6.0, 3.0],            # forgot the "+ a" path; overwrite instead of sum
    "ad-backward-twice-accumulates": [12.0, 4.0],  # assumes backward overwrites .grad
    "ad-two-path-gradient": [4.0, -6.0],         # only one of the two paths
    "ad-diamond-graph-gradient": [24.0, 30.0],   # dropped c -> e path; value of e
    "ad-checkpointing-memory": [32.0, 4.0],      # no checkpointing; checkpoints only
}

assert math.isclose(ANSWERS["ad-diamond-graph-gradient"], float(np.polyval([12.0, 3.0], 2.0)))
