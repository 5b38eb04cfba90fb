# expect: pass
# One example at a time with the math module: the softplus branch is picked per example, so exp
# only ever sees a non-positive number.
import math

import numpy as np


def _softplus(t):
    if t > 0:
        return t + math.log1p(math.exp(-t))
    return math.log1p(math.exp(t))


def _sigmoid(t):
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def bce_with_logits(z, y):
    total = 0.0
    for zi, yi in zip(z, y, strict=True):
        total += _softplus(float(zi)) - float(yi) * float(zi)
    return total / len(z)


def bce_with_logits_grad(z, y):
    n = len(z)
    return np.array([(_sigmoid(float(zi)) - float(yi)) / n for zi, yi in zip(z, y, strict=True)], dtype=np.float64)


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    n, d = X.shape
    w = [0.0] * d
    b = 0.0
    for _ in range(steps):
        z = X @ np.array(w) + b
        g = bce_with_logits_grad(z, y)
        w = [w[j] - lr * sum(g[i] * X[i, j] for i in range(n)) for j in range(d)]
        b = b - lr * sum(g)
    return np.array(w, dtype=np.float64), b
