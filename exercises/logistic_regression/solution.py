"""Reference: binary cross-entropy from logits, stable for any z, and logistic regression fitted by gradient descent."""

import numpy as np


def sigmoid(z):
    # exp(-|z|) is at most 1, so neither branch can overflow
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def bce_with_logits(z, y):
    # -y log s(z) - (1 - y) log(1 - s(z)) = log(1 + e^z) - y z, and log(1 + e^z) = max(z, 0) + log1p(e^-|z|)
    per_example = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - y * z
    return float(np.mean(per_example))


def bce_with_logits_grad(z, y):
    return (sigmoid(z) - y) / z.shape[0]


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(steps):
        g = bce_with_logits_grad(X @ w + b, y)
        w = w - lr * (X.T @ g)
        b = b - lr * float(g.sum())
    return w, b
