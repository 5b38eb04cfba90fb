"""Independent computations of the numeric answers in question_bank/exploding-gradients.yaml."""

import math

import numpy as np

_GRADS = [np.array([3.0, 4.0]), np.array([12.0])]
_TOTAL = math.sqrt(sum(float((g ** 2).sum()) for g in _GRADS))  # global L2 norm


def _clip_by_global_norm(grads, max_norm):
    total = math.sqrt(sum(float((g ** 2).sum()) for g in grads))
    coef = min(1.0, max_norm / (total + 1e-6))  # as torch.nn.utils.clip_grad_norm_
    return [g * coef for g in grads]


ANSWERS = {
    "eg-gain-20-layers": 1.5 ** 20,
    "eg-small-gain-50-layers": 1.1 ** 50,
    "eg-clip-global-norm": float(_clip_by_global_norm(_GRADS, 1.0)[1][0]),
    "eg-clip-return-value": _TOTAL,
    "eg-rnn-eigen-growth": float(np.linalg.matrix_power(np.array([[1.2, 0.0], [0.0, 0.8]]), 30)[0, 0]),
}

ALSO_WRONG = {
    # adding instead of compounding; only 10 layers
    "eg-gain-20-layers": [1.5 * 20, 1.5 ** 10],
    # linear approximation 1 + 50 * 0.1; multiplying instead of compounding
    "eg-small-gain-50-layers": [1 + 50 * 0.1, 1.1 * 50],
    # clipping each tensor on its own (b.grad alone has norm 12 -> 1.0); dividing by the L1 norm 19
    "eg-clip-global-norm": [12.0 / 12.0, 12.0 / 19.0],
    # the norm after clipping; the squared norm; the L1 norm
    "eg-clip-return-value": [1.0, 169.0, 19.0],
    # the mean eigenvalue 1.0 raised to 30; multiplying instead of powering
    "eg-rnn-eigen-growth": [1.0 ** 30, 1.2 * 30],
}
