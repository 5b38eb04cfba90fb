# expect: pass
# math-module loops for the loss and gradient, a small model class for the fit
import math

import numpy as np


def _log_sigmoid(v):
    # log(sigmoid(v)) without overflow
    if v >= 0:
        return -math.log1p(math.exp(-v))
    return v - math.log1p(math.exp(v))

def _sig(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)

def bce_with_logits(z, y):
    total = 0.0
    for zi, yi in zip(z.tolist(), np.asarray(y).tolist(), strict=True):
        total -= yi * _log_sigmoid(zi) + (1 - yi) * _log_sigmoid(-zi)
    return total / len(z)

def bce_with_logits_grad(z, y):
    n = len(z)
    return np.array([(_sig(zi) - yi) / n for zi, yi in zip(z.tolist(), np.asarray(y).tolist(), strict=True)], dtype=np.float64)

class LogisticRegression:
    def __init__(self, dim):
        self.w = np.zeros(dim)
        self.b = 0.0

    def step(self, X, y, lr):
        dz = bce_with_logits_grad(X @ self.w + self.b, y)
        dw = dz @ X
        db = float(np.sum(dz))
        self.w -= lr * dw
        self.b -= lr * db

def fit_logistic_regression(X, y, lr=0.1, steps=100):
    model = LogisticRegression(X.shape[1])
    for _ in range(steps):
        model.step(X, y, lr)
    return model.w, model.b
