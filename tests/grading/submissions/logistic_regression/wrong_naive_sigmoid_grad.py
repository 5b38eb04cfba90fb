# expect: fail
# diagnosis: bce_with_logits_grad(z, y) with |z| = 1e4 raised a warning
# diagnosis: 1 / (1 + np.exp(-z)) overflows
import numpy as np


def bce_with_logits(z, y):
    return float(np.mean(np.logaddexp(0, z) - y * z))


def bce_with_logits_grad(z, y):
    return (1 / (1 + np.exp(-z)) - y) / len(z)


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(steps):
        g = bce_with_logits_grad(X @ w + b, y)
        w = w - lr * X.T @ g
        b = b - lr * g.sum()
    return w, float(b)

