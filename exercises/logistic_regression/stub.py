"""Logistic regression from logits: a stable loss, its gradient, and gradient descent.

A binary classifier outputs one logit z per example; the predicted probability of class 1 is
sigmoid(z) = 1 / (1 + e^(-z)). With labels y in {0, 1}, the binary cross-entropy of a batch is the
MEAN over its N examples of

    -[ y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z)) ]

Implement:
- `bce_with_logits(z, y)`: z float64 (N,), y (N,) of 0s and 1s (float64 or integer) -> the mean loss,
  a Python float (a 0-d float64 array or numpy scalar is fine too).
- `bce_with_logits_grad(z, y)`: the same inputs -> d(mean loss)/dz, a float64 array of shape (N,).
- `fit_logistic_regression(X, y, lr=0.1, steps=100)`: X float64 (N, D), y (N,) of 0s and 1s.
  The model is z = X @ w + b. Start from w = zeros (D,) and b = 0, then take exactly `steps` steps of
  full-batch gradient descent with learning rate `lr` on the mean loss above, every step computed
  from the current w and b. Return (w, b): w float64 (D,), b a float.
- No input may be changed. N may be 1.

Requirements at extreme logits: both functions must give the exact answer, to float64 precision, for
|z| up to 1e4, and raise no overflow, divide-by-zero or invalid-value warning on the way. That rules
out going through a probability that rounds to 0 or 1: an example with z = 1e4 and y = 0 costs
exactly 1e4, not -log(1e-7) = 16 (clipping) and not inf (log of 0). exp(-1e4) quietly rounding to 0
is fine; exp(+1e4) is an overflow.
"""

import numpy as np


def bce_with_logits(z, y):
    """Mean binary cross-entropy of logits z (N,) against labels y (N,): one float."""
    raise NotImplementedError


def bce_with_logits_grad(z, y):
    """d(mean binary cross-entropy)/dz: float64 (N,)."""
    raise NotImplementedError


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    """Gradient descent from w = 0, b = 0 on the mean loss: returns (w (D,), b float)."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 3))
    y = (X[:, 0] > 0).astype(np.float64)
    z = rng.normal(size=6)
    print("loss:", bce_with_logits(z, y))
    print("grad shape:", bce_with_logits_grad(z, y).shape)
    w, b = fit_logistic_regression(X, y)
    print("w shape:", w.shape, "b:", b)
