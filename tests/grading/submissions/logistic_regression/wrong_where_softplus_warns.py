# expect: fail
# diagnosis: bce_with_logits(z, y) with |z| = 1e4 raised a warning
# diagnosis: np.where computes both
# The right values, but np.where evaluates exp(z) on every entry, including z = 1e4.
import numpy as np


def bce_with_logits(z, y):
    softplus = np.where(z > 0, z + np.log1p(np.exp(-z)), np.log1p(np.exp(z)))
    return float(np.mean(softplus - y * z))


def bce_with_logits_grad(z, y):
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return (p - y) / len(z)


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(steps):
        g = bce_with_logits_grad(X @ w + b, y)
        w = w - lr * X.T @ g
        b = b - lr * g.sum()
    return w, float(b)

