"""Independent computations of the numeric answers in question_bank/backprop.yaml."""

import math

import numpy as np

ANSWERS = {
    # L = (w*x + b - y)^2, dL/dw = 2 (w*x + b - y) * x
    "bp-chain-rule-squared-error": (lambda w, x, b, y: 2 * (w * x + b - y) * x)(0.5, 3, 1, 4),
    # z = w1*x, h = relu(z), yhat = w2*h, L = 0.5 (yhat - y)^2
    "bp-scalar-two-layer-net": (
        lambda x, w1, w2, y: (w2 * max(0.0, w1 * x) - y) * w2 * float(w1 * x > 0) * x
    )(1.5, 2.0, -0.5, 1.0),
    # d_z2 = (softmax(z) - onehot) / n, entry of the true class
    "bp-softmax-ce-logit-grad": (
        lambda z: (np.exp(z)[0] / np.exp(z).sum() - 1.0) / 2
    )(np.array([2.0, 1.0, 0.0])),
    # L = u*v, u = x^2, v = 3x: sum over both paths
    "bp-shared-node-accumulate": (lambda x: (3 * x) * (2 * x) + (x**2) * 3)(2.0),
    # two backward matmuls, each 2*B*D*H FLOPs, in millions
    "bp-backward-flops": 2 * (2 * 64 * 512 * 256) / 1e6,
    "bp-linear-dw-entry": float(
        (
            np.array([[1, 2], [3, -1], [0, 4]], dtype=float).T
            @ np.array([[0.5, -1], [2, 0], [-1, 1]], dtype=float)
        )[1, 0]
    ),
}

ALSO_WRONG = {
    "bp-chain-rule-squared-error": [-4.5, -3.0, 9.0],  # no factor 2; no factor x; sign flip
    "bp-scalar-two-layer-net": [1.25, -1.875],  # forgot x; sign error
    "bp-softmax-ce-logit-grad": [
        math.exp(2) / (math.exp(2) + math.exp(1) + 1) - 1,  # forgot / n
        math.exp(2) / (math.exp(2) + math.exp(1) + 1) / 2,  # forgot to subtract y
    ],
    "bp-shared-node-accumulate": [24.0, 12.0],  # only one of the two paths
    "bp-backward-flops": [2 * 64 * 512 * 256 / 1e6, 64 * 512 * 256 / 1e6],  # one matmul; MACs not FLOPs
    "bp-linear-dw-entry": [-1.0, -5.0 / 3],  # transposed index; averaged over the batch
}
