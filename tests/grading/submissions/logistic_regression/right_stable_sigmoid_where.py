# expect: pass
# max(z, 0) + log1p(exp(-|z|)) for the softplus; sigmoid from the same exp(-|z|); w and b kept
# separate, updated in place.
import numpy as np


def bce_with_logits(z, y):
    loss = np.clip(z, 0, None) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(loss.sum() / z.size)


def bce_with_logits_grad(z, y):
    t = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1 / (1 + t), t / (1 + t))
    return (s - y) / z.size


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    w = np.zeros(X.shape[1], dtype=np.float64)
    b = 0.0
    step = 0
    while step < steps:
        dz = bce_with_logits_grad(X.dot(w) + b, y)
        dw = np.einsum("nd,n->d", X, dz)
        db = dz.sum()
        w -= lr * dw
        b -= lr * db
        step += 1
    return w, float(b)
