"""Independent computations of the numeric answers in question_bank/regularization.yaml."""

import math

import numpy as np


def _patience_stop(losses, patience, tie_is_improvement=False):
    """Simulate early stopping; return the 1-based epoch after which training stops."""
    best, bad = math.inf, 0
    for epoch, loss in enumerate(losses, start=1):
        better = loss <= best if tie_is_improvement else loss < best
        if better:
            best, bad = loss, 0
        else:
            bad += 1
            if bad == patience:
                return epoch
    return len(losses)


_VAL = [0.90, 0.75, 0.68, 0.66, 0.67, 0.65, 0.66, 0.65, 0.67, 0.63, 0.64, 0.64, 0.66]


def _smoothed_target(eps, classes, true, spread_over_others=False):
    q = np.full(classes, eps / (classes - 1) if spread_over_others else eps / classes)
    q[true] = 1 - eps if spread_over_others else 1 - eps + eps / classes
    return q


def _soft_threshold_by_grid(a, lam):
    """Brute-force minimiser of 0.5 (w - a)^2 + lam |w| on a fine grid."""
    w = np.linspace(-2, 2, 400_001)
    return float(w[np.argmin(0.5 * (w - a) ** 2 + lam * np.abs(w))])


def _dropout_variance(x, p):
    """Variance of the two-point distribution {x / (1 - p) w.p. 1 - p, 0 w.p. p}."""
    values = np.array([x / (1 - p), 0.0])
    probs = np.array([1 - p, p])
    mean = float(values @ probs)
    return float((values - mean) ** 2 @ probs)


ANSWERS = {
    # PyTorch SGD step theta - lr (g + lam theta) must equal theta - lr g - d theta
    "reg-sgd-l2-rescaled-coefficient": 1e-4 / 0.05,
    # repeated multiplication by (1 - lr * wd), done as a product rather than a power
    "reg-adamw-decay-timescale": float(np.prod(np.full(100_000, 1.0 - 1e-3 * 0.01))),
    # a surviving element divided by the keep probability
    "reg-dropout-inverted-train-value": 5.0 / (1 - 0.2),
    "reg-dropout-output-variance": _dropout_variance(2.0, 0.5),
    # gradient of CE(q, softmax(z)) is softmax(z) - q; class 0
    "reg-label-smoothing-gradient": 0.6 - _smoothed_target(0.3, 3, 0)[0],
    # logits equal to log q (up to a constant) make softmax(z) = q
    "reg-label-smoothing-optimal-gap": (lambda q: math.log(q[0]) - math.log(q[1]))(_smoothed_target(0.1, 10, 0)),
    "reg-early-stopping-patience": _patience_stop(_VAL, 3),
    "reg-l1-soft-threshold": _soft_threshold_by_grid(0.8, 0.5),
}

ALSO_WRONG = {
    "reg-sgd-l2-rescaled-coefficient": [1e-4, 1e-4 * 0.05],  # coefficient copied; multiplied by lr
    "reg-adamw-decay-timescale": [0.0, 1 - 1e-5, math.exp(-0.1)],  # no lr (or linear); one step; 10x too few
    "reg-dropout-inverted-train-value": [4.0, 5.0, 25.0],  # times keep prob; unscaled; divided by p
    "reg-dropout-output-variance": [1.0, 2.0, 0.0],  # no rescale x^2 p (1-p); mean; deterministic
    "reg-label-smoothing-gradient": [
        0.6 - 1.0,  # hard labels
        0.6 - _smoothed_target(0.3, 3, 0, spread_over_others=True)[0],  # eps / (C - 1) convention
        0.2,  # sign flipped
    ],
    "reg-label-smoothing-optimal-gap": [
        (lambda q: math.log(q[0] / q[1]))(_smoothed_target(0.1, 10, 0, spread_over_others=True)),
        math.log(0.9 / 0.1),
    ],
    "reg-early-stopping-patience": [
        _patience_stop(_VAL, 3, tie_is_improvement=True),  # 13
        _patience_stop(_VAL, 2),  # off by one
        6,  # the best epoch, not the stopping epoch
        10,  # off by one the other way: stopping at the epoch after the patience ran out
    ],
    "reg-l1-soft-threshold": [0.8 / 1.5, 0.8, 0.0, 0.4],  # L2 shrink; no penalty; zeroed; a * lambda
}
