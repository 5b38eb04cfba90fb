"""Batch normalization: forward and backward (training mode).

Batch norm standardises every feature (column) of a batch x, shape (N, D), with the batch's own
statistics, then lets the network rescale it with learned gamma and beta, shape (D,):

    mu    = mean of x over the batch (axis 0)                    (D,)
    var   = mean of (x - mu)**2 over the batch                   (D,)   biased: divide by N, not N - 1
    x_hat = (x - mu) / sqrt(var + eps)                           (N, D) eps inside the square root
    out   = gamma * x_hat + beta                                 (N, D)

Backward, given d_out = dL/d(out), shape (N, D):
    dbeta  = d_out summed over the batch                         (D,)
    dgamma = (d_out * x_hat) summed over the batch               (D,)
    dx: every x[n, j] reaches the loss along three paths — directly through x_hat[n, j], and through
        mu[j] and var[j], which every x in column j helped compute. Work out dL/dx_hat = d_out * gamma,
        then dL/dvar and dL/dmu (each a sum over the batch), and add the three contributions up.

Implement:
- `batchnorm_forward(x, gamma, beta, eps=1e-5)` -> (out, cache): cache is anything backward needs.
- `batchnorm_backward(d_out, cache)` -> (dx, dgamma, dbeta).
Leave x, gamma, beta and d_out unchanged.

The traps: np.var with ddof=1 (that is the unbiased variance — batch norm uses the biased one), eps
added after the square root, and a dx that treats mu and var as constants (it is missing two of the
three paths). With N = 1 every x equals its column's mean: out is beta, dx is 0 — and nothing is NaN.
"""

import numpy as np  # noqa: F401 - you will need it


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    """x: (N, D); gamma, beta: (D,) -> (out (N, D), cache)."""
    raise NotImplementedError


def batchnorm_backward(d_out, cache):
    """d_out: (N, D) -> (dx (N, D), dgamma (D,), dbeta (D,))."""
    raise NotImplementedError
