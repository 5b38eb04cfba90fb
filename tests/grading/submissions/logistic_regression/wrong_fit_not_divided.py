# expect: fail
# diagnosis: likely mistake: the gradient is not divided by N
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
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w = w - lr * X.T @ (p - y)
        b = b - lr * (p - y).sum()
    return w, float(b)

