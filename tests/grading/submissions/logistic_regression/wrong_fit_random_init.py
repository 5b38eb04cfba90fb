# expect: fail
# diagnosis: returned different (w, b)
# diagnosis: likely mistake: w starts from random numbers
import numpy as np


def bce_with_logits(z, y):
    return float(np.mean(np.logaddexp(0, z) - y * z))


def bce_with_logits_grad(z, y):
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return (p - y) / len(z)


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.random.randn(X.shape[1]) * 0.01
    b = 0.0
    for _ in range(steps):
        g = bce_with_logits_grad(X @ w + b, y)
        w = w - lr * X.T @ g
        b = b - lr * g.sum()
    return w, float(b)

