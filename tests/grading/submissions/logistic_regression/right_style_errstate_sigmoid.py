# expect: pass
# 1 / (1 + exp(-z)) with the overflow silenced (1 / inf is the right 0); np.float64 b; tuple update
import numpy as np


def bce_with_logits(z, y):
    return float(np.mean(np.where(y == 1, np.logaddexp(0.0, -z), np.logaddexp(0.0, z))))

def bce_with_logits_grad(z, y):
    with np.errstate(over="ignore"):
        s = 1.0 / (1.0 + np.exp(-z))   # exp(1e4) -> inf, 1/inf -> 0: the right limit, silenced
    return (s - y) / z.shape[0]

def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.zeros(X.shape[1])
    b = np.float64(0.0)
    for _ in range(steps):
        g = bce_with_logits_grad(X @ w + b, y)
        w, b = w - lr * g @ X, b - lr * np.sum(g)
    return w, b
