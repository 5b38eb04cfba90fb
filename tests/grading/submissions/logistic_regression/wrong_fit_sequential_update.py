# expect: fail
# diagnosis: likely mistake: b's gradient was computed after w had already moved
import numpy as np


def bce_with_logits(z, y):
    return float(np.mean(np.logaddexp(0.0, z) - y * z))

def _sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))

def bce_with_logits_grad(z, y):
    return (_sig(z) - y) / z.shape[0]

def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(steps):
        w = w - lr * X.T @ bce_with_logits_grad(X @ w + b, y)
        # b's gradient recomputed with the already-updated w
        b = b - lr * bce_with_logits_grad(X @ w + b, y).sum()
    return w, b
