# expect: pass
# TensorFlow's max(z, 0) - z y + log1p(exp(-|z|)); the bias as an appended column of ones, updated in place
import numpy as np


def bce_with_logits(z, y):
    # TensorFlow's formulation: max(z, 0) - z * y + log(1 + exp(-|z|))
    y = y.astype(np.float64)
    per = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return per.mean()

def _expit(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

def bce_with_logits_grad(z, y):
    return (_expit(z) - y) / len(z)

def fit_logistic_regression(X, y, lr=0.1, steps=100):
    # bias trick: a column of ones appended to X
    Xa = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = np.zeros(Xa.shape[1])
    for _ in range(steps):
        theta -= lr * Xa.T @ bce_with_logits_grad(Xa @ theta, y)
    return theta[:-1].copy(), theta[-1]
