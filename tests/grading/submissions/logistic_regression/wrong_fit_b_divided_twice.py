# expect: fail
# diagnosis: likely mistake: b is updated with the mean of a gradient already divided by N
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
        dz = bce_with_logits_grad(X @ w + b, y)
        w = w - lr * X.T @ dz
        b = b - lr * np.mean(dz)     # dz is already divided by N
    return w, b
