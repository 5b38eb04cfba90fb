"""Independent computations of the numeric answers in question_bank/attention.yaml."""

import math

import numpy as np


def _softmax_self_derivative(row, j):
    """d p_j / d s_j by central differences on a numerically stable softmax."""
    def p(s):
        e = np.exp(s - s.max())
        return e[j] / e.sum()
    h = 1e-6
    up, down = row.copy(), row.copy()
    up[j] += h
    down[j] -= h
    return (p(up) - p(down)) / (2 * h)


def _sampled_dot_std(d, n=200_000, seed=0):
    """Monte-Carlo estimate of std(q . k) for unit-variance entries (rounded to one decimal)."""
    rng = np.random.default_rng(seed)
    q = rng.standard_normal((n, d))
    k = rng.standard_normal((n, d))
    return round(float(np.std(np.einsum("nd,nd->n", q, k))), 1)


def _crossover_length(d_model):
    """Smallest T where 2 T^2 d (two attention products) reaches 4 T d^2 (four projections)."""
    t = 1
    while 2 * t * t * d_model < 4 * t * d_model * d_model:
        t += 1
    return t


ANSWERS = {
    # std of a sum of d products of independent unit-variance entries: sqrt(d); checked by sampling
    "att-dot-product-std": _sampled_dot_std(64),
    # diagonal of the softmax Jacobian for the row [10, 0, 0, 0], by finite differences
    "att-saturated-softmax-grad": _softmax_self_derivative(np.array([10.0, 0.0, 0.0, 0.0]), 0),
    # four d x d weight matrices plus four bias vectors
    "att-mha-param-count": sum(w.size + b.size for w, b in
                               [(np.empty((512, 512)), np.empty(512))] * 4),
    # (B, H, T, T) entries at 2 bytes, in 1e9-byte GB
    "att-scores-memory": 8 * 16 * 4096 * 4096 * 2 / 1e9,
    # T where the quadratic products catch up with the projections
    "att-flops-crossover": _crossover_length(1024),
}

ALSO_WRONG = {
    "att-dot-product-std": [64.0, 1.0, 0.125],      # the variance; the scaled std; 1/sqrt(d)
    "att-saturated-softmax-grad": [0.25, 0.1875,     # the maximum p(1-p); a uniform row of four
                                   math.exp(-10),    # forgetting the two other zero scores
                                   math.exp(10) / (math.exp(10) + 3)],  # p_1 itself, not its derivative
    "att-mha-param-count": [1048576, 787968,         # no biases; no output projection
                            8 * 1050624, 4 * (512 * 64 + 64)],  # per head counted whole; one head
    "att-scores-memory": [4.0, 0.268, 8.59, 0.537],  # GiB; no heads; float32; no batch
    "att-flops-crossover": [1024, 4096, 512],        # T = d; T = 4d; T = d / 2
}
