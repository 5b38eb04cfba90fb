# expect: fail
# diagnosis: with z = [1e4, -1e4
# diagnosis: an eps added inside the log
# log(p + 1e-7): within tolerance on moderate logits, but 16 instead of 1e4 at z = 1e4, y = 0.
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def bce_with_logits(z, y):
    p = sigmoid(z)
    eps = 1e-7
    return float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))


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

