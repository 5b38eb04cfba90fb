# expect: fail
# diagnosis: with z = [1e4, -1e4
# diagnosis: likely mistake: the probabilities were clipped
# Probabilities clipped away from 0 and 1 before the log: fine for moderate logits, capped at -log(eps) at 1e4.
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def bce_with_logits(z, y):
    p = np.clip(sigmoid(z), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


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

