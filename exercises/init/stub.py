"""Xavier and He initialization.

A layer computes z = x @ W with W of shape (n_in, n_out): each output adds up n_in products
w * x. If the weights are independent with mean 0 and variance v, then Var(z) = n_in * v * E[x^2].
Pick v so that the signal neither grows nor shrinks from layer to layer:

- Xavier (Glorot) for tanh/sigmoid balances the forward pass (fan-in n_in) against the backward
  pass (fan-out n_out): v = 2 / (n_in + n_out). Drawn uniformly from [-a, a], whose variance is
  a^2 / 3, that means a = sqrt(6 / (n_in + n_out)).
- He (Kaiming) for ReLU: ReLU zeroes about half its inputs, which halves E[x^2], so the weights
  make up for it with twice the variance: v = 2 / n_in, drawn from N(0, 2 / n_in), i.e. a normal
  with standard deviation sqrt(2 / n_in).

Implement both; each returns a float64 array of shape (n_in, n_out):
- `xavier_uniform(n_in, n_out, rng)`: U(-a, a) with a = sqrt(6 / (n_in + n_out))
- `he_normal(n_in, n_out, rng)`: N(0, 2 / n_in)

`rng` is a `np.random.Generator` (from `np.random.default_rng(seed)`): draw every random number
from it — `rng.uniform`, `rng.normal`, `rng.standard_normal`, `rng.random` — never from
`np.random.*`, so the same seed always gives the same weights.

The traps: which fan goes where (He uses n_in only), the bound of a uniform versus the standard
deviation of a normal, rng.normal's `scale` being the standard deviation (not the variance), and
the shape: rows are inputs, columns are outputs, so that x @ W works.
"""

import numpy as np


def xavier_uniform(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Weights of shape (n_in, n_out) drawn from U(-a, a), a = sqrt(6 / (n_in + n_out))."""
    raise NotImplementedError


def he_normal(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Weights of shape (n_in, n_out) drawn from N(0, 2 / n_in)."""
    raise NotImplementedError
