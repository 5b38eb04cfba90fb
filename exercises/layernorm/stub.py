"""Layer normalization: forward and backward.

Layer norm standardises every example on its own, over its features (the LAST axis), then lets the
network rescale each feature with learned gamma and beta, shape (D,). x is either (N, D) — a batch
of vectors — or (N, T, D) — a batch of sequences, every position normalised separately:

    mu    = mean of x over the last axis, one per row               shape x.shape[:-1] + (1,)
    var   = mean of (x - mu)**2 over the last axis                  biased: divide by D, not D - 1
    x_hat = (x - mu) / sqrt(var + eps)                              eps inside the square root
    out   = gamma * x_hat + beta                                    shape of x

Nothing is averaged over the batch: a row's output depends on that row only, so N = 1 works like
any other N, and training and inference compute the same thing (there are no running statistics).

Implement:
- `layernorm_forward(x, gamma, beta, eps=1e-5)` -> (out, cache): out float64 with x's shape; cache
  is anything your backward needs (the checks never look inside it).
- `layernorm_backward(d_out, cache)` -> (dx, dgamma, dbeta), the gradients of a loss L given
  d_out = dL/d(out) (x's shape): dx has x's shape; dgamma and dbeta have shape (D,) like gamma and
  beta, for 2-D and 3-D input alike — every row and every position contributes to them.
Leave x, gamma, beta and d_out unchanged. Everything stays float64.

Edge cases that must work: N = 1; D = 1 (every x equals its row's mean: out is beta, dx is 0, and
nothing is NaN); eps other than the default.

The traps: the statistics are per example over the features, not per feature over the batch (that
would be batch norm); the variance is the biased one; eps belongs under the square root. And x_hat
depends on every x of its row through mu and var: dx must follow those paths too, not only the direct one.
"""

import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    """x: (N, D) or (N, T, D); gamma, beta: (D,) -> (out with x's shape, cache)."""
    raise NotImplementedError


def layernorm_backward(d_out, cache):
    """d_out: x's shape -> (dx with x's shape, dgamma (D,), dbeta (D,))."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    for shape in [(4, 5), (2, 3, 5)]:
        x = rng.normal(size=shape)
        out, cache = layernorm_forward(x, np.ones(5), np.zeros(5))
        dx, dgamma, dbeta = layernorm_backward(rng.normal(size=shape), cache)
        print(f"x {x.shape}: out {out.shape}, dx {dx.shape}, dgamma {dgamma.shape}, dbeta {dbeta.shape}")
        print("  row means of out:", np.round(out.mean(axis=-1), 6).ravel(), " row stds:", np.round(out.std(axis=-1), 4).ravel())
