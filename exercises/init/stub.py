"""Xavier and He initialization.

A layer computes z = x @ W with W of shape (n_in, n_out): one row per input, one column per
output. The right spread for the random weights depends on the activation that follows; the two
standard choices, written as math:

- Xavier (Glorot) uniform, for tanh or sigmoid layers: every weight independent,

      W[i, j] ~ U(−a, a),   a = √(6 / (n_in + n_out)),   so Var(W[i, j]) = 2 / (n_in + n_out)

- He (Kaiming) normal, for ReLU layers: every weight independent,

      W[i, j] ~ N(0, 2 / n_in)     (the second argument of N is the variance)

Implement both; each returns a float64 array of shape (n_in, n_out), every entry finite:
- `xavier_uniform(n_in, n_out, rng)`
- `he_normal(n_in, n_out, rng)`

`rng` is a `np.random.Generator` (as made by `np.random.default_rng(seed)`). Every random number
must come from it, none from np.random's global functions or from a generator of your own: the
same seed must give the same weights, and two seeds different ones. Any correct way of sampling
from rng is accepted (the checks judge the distribution statistically: its mean, variance, range
and shape, on large matrices).

`quizprep explain init` derives both variances, if you want it.
"""

import numpy as np


def xavier_uniform(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Weights of shape (n_in, n_out), Xavier (Glorot) uniform."""
    raise NotImplementedError


def he_normal(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Weights of shape (n_in, n_out), He (Kaiming) normal."""
    raise NotImplementedError


if __name__ == "__main__":
    for fn in (xavier_uniform, he_normal):
        w = fn(400, 600, np.random.default_rng(0))
        print(fn.__name__, w.shape, w.dtype, "mean", round(float(w.mean()), 5), "var", round(float(w.var()), 6),
              "max |w|", round(float(np.abs(w).max()), 5))
