# expect: pass
# loss as mean(logaddexp(0, z) - y z); sigmoid as 0.5 (1 + tanh(z / 2)); returns b as a Python float
import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))

def bce_with_logits(z, y):
    y = np.asarray(y, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))

def bce_with_logits_grad(z, y):
    y = np.asarray(y, dtype=np.float64)
    return (_sigmoid(z) - y) / z.shape[0]

def fit_logistic_regression(X, y, lr=0.1, steps=100):
    N, D = X.shape
    w = np.zeros(D)
    b = 0.0
    for _ in range(steps):
        g = bce_with_logits_grad(X @ w + b, y)
        w = w - lr * (X.T @ g)
        b = b - lr * g.sum()
    return w, float(b)
