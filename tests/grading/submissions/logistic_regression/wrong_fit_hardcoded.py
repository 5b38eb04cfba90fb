# expect: fail
# diagnosis: fit_logistic_regression(X, y, lr=0.5, steps=7) is wrong
# diagnosis: likely mistake: lr and steps are ignored
import numpy as np


def bce_with_logits(z, y):
    return float(np.mean(np.logaddexp(0, z) - y * z))


def bce_with_logits_grad(z, y):
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return (p - y) / len(z)


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(100):
        g = bce_with_logits_grad(X @ w + b, y)
        w = w - 0.1 * X.T @ g
        b = b - 0.1 * g.sum()
    return w, float(b)

