# expect: fail
# diagnosis: likely mistake: b steps uphill while w steps downhill
import numpy as np


def bce_with_logits(z, y):
    return float(np.mean(np.logaddexp(0.0, z) - y * z))

def _sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))

def bce_with_logits_grad(z, y):
    return (_sig(z) - y) / z.shape[0]

def fit_logistic_regression(X, y, lr=0.1, steps=100):
    # error written as y - p: w adds it, but b still subtracts it
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(steps):
        err = y - _sig(X @ w + b)
        w = w + lr * X.T @ err / len(y)
        b = b - lr * err.mean()
    return w, b
