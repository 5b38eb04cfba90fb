"""A Linear (fully connected) layer: forward and backward.

A Linear layer maps a batch of row vectors x, shape (N, in_dim), to out = x @ W + b, shape
(N, out_dim), with W of shape (in_dim, out_dim) and b of shape (out_dim,) added to every row.

Initialisation (He / Kaiming, the usual choice in front of a ReLU):
    W ~ Normal(mean 0, variance 2 / in_dim)   e.g. np.random.randn(in_dim, out_dim) * sqrt(2 / in_dim)
    b = zeros
The variance is divided by the fan-in so the size of the outputs does not grow or shrink with the
number of inputs; the factor 2 makes up for ReLU zeroing about half of them.

Backward: you receive d_out = dL/d(out), shape (N, out_dim), and apply the chain rule to out = x @ W + b:
    dL/dW = x.T @ d_out           shape (in_dim, out_dim): every example adds its own outer product
    dL/db = d_out summed over N   shape (out_dim,): b was copied into every row, so its gradients add up
    dL/dx = d_out @ W.T           shape (N, in_dim): returned, for the layer below

Implement the class `Linear(in_dim, out_dim)`:
- `__init__`: set `self.W` and `self.b` as above (float64).
- `forward(x)`: return x @ W + b, and keep what backward will need.
- `backward(d_out)`: set `self.dW` and `self.db`, return dL/dx. Do not change d_out.

The trap: a gradient always has the shape of the thing it differentiates — if yours does not, an
operand is transposed or a sum is missing. And db is a sum, not a mean: when the loss averages over
the batch, the 1/N is already inside d_out.
"""

import numpy as np  # noqa: F401 - you will need it


class Linear:
    def __init__(self, in_dim, out_dim):
        """W: (in_dim, out_dim), He-initialised; b: (out_dim,), zeros."""
        raise NotImplementedError

    def forward(self, x):
        """x: (N, in_dim) -> x @ W + b: (N, out_dim)."""
        raise NotImplementedError

    def backward(self, d_out):
        """d_out: (N, out_dim). Set self.dW, self.db; return dL/dx: (N, in_dim)."""
        raise NotImplementedError
