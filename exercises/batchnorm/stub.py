"""Batch normalization: forward and backward (training mode).

Batch norm standardises every feature (column) of a batch x, shape (N, D), with the statistics of
that batch, then lets the network rescale and shift the result with learned gamma and beta, shape
(D,). The forward computation, per column j:

    mu[j]       = (1 / N) * sum_n x[n, j]
    var[j]      = (1 / N) * sum_n (x[n, j] - mu[j])**2
    x_hat[n, j] = (x[n, j] - mu[j]) / sqrt(var[j] + eps)
    out[n, j]   = gamma[j] * x_hat[n, j] + beta[j]

Implement:
- `batchnorm_forward(x, gamma, beta, eps=1e-5)` returns `(out, cache)`: out has shape (N, D); the
  cache is yours, anything your backward needs (the checks never look inside it).
- `batchnorm_backward(d_out, cache)` returns `(dx, dgamma, dbeta)`: given d_out = dL/d(out), shape
  (N, D), the gradients of the loss with respect to x (N, D), gamma (D,) and beta (D,).

Requirements:
- Every array returned is float64. x, gamma, beta and d_out are left unchanged.
- The variance is the biased one, divided by N (not N - 1), exactly as written above.
- eps sits inside the square root, and the eps passed in is the one used.
- dx is the full gradient: mu and var are themselves functions of every x in their column, so a
  change of one x[n, j] reaches the loss through them as well as directly.
- A batch of one (N = 1) is allowed: then out equals beta, dx is all zeros, and nothing is NaN.

`quizprep explain batchnorm` shows the derivation of the backward pass, if you want it.
"""

import numpy as np  # noqa: F401 - you will need it


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    """x: (N, D); gamma, beta: (D,) -> (out (N, D), cache)."""
    raise NotImplementedError


def batchnorm_backward(d_out, cache):
    """d_out: (N, D) -> (dx (N, D), dgamma (D,), dbeta (D,))."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 3))
    gamma, beta = np.ones(3), np.zeros(3)
    out, cache = batchnorm_forward(x, gamma, beta)
    print("out", out.shape, "column means", np.mean(out, axis=0).round(6), "column stds", np.std(out, axis=0).round(4))
    dx, dgamma, dbeta = batchnorm_backward(rng.normal(size=(4, 3)), cache)
    print("dx", dx.shape, "dgamma", dgamma.shape, "dbeta", dbeta.shape)
