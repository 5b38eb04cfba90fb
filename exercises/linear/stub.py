"""A Linear (fully connected) layer: forward and backward.

A Linear layer maps a batch of row vectors x, shape (N, in_dim), to

    out = x @ W + b          shape (N, out_dim)

with W of shape (in_dim, out_dim) and b of shape (out_dim,), added to every row.

Initialisation (He / Kaiming, the usual choice in front of a ReLU): every entry of W is drawn
independently from a normal distribution with mean 0 and variance 2 / in_dim; b starts at zero.

Backward receives d_out = dL/d(out), shape (N, out_dim), from the layer above, for some scalar
loss L. It returns dL/dx and stores dL/dW and dL/db: the exact gradients of that same L. Any
averaging over the batch that L does is already inside d_out; backward adds none of its own.

Implement the class `Linear(in_dim, out_dim)`:
- `__init__`: set `self.W`, float64 (in_dim, out_dim), and `self.b`, float64 (out_dim,), as above.
  W and b may be replaced by assignment afterwards: forward and backward use the current ones.
- `forward(x)`: return x @ W + b, float64 (N, out_dim), and keep what backward will need.
- `backward(d_out)`, called after forward: set `self.dW`, shape (in_dim, out_dim), and `self.db`,
  shape (out_dim,); return dL/dx, shape (N, in_dim). All float64.
- Neither x nor d_out may be changed. N may be 1.
"""

import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        """W: (in_dim, out_dim), He-initialised; b: (out_dim,), zeros."""
        raise NotImplementedError

    def forward(self, x):
        """x: (N, in_dim) -> x @ W + b: (N, out_dim)."""
        raise NotImplementedError

    def backward(self, d_out):
        """d_out: (N, out_dim). Set self.dW (in_dim, out_dim), self.db (out_dim,); return dL/dx: (N, in_dim)."""
        raise NotImplementedError


if __name__ == "__main__":
    layer = Linear(4, 3)
    print("W:", np.shape(layer.W), "b:", np.shape(layer.b))
    x = np.arange(20.0).reshape(5, 4) / 10
    out = layer.forward(x)
    d_x = layer.backward(np.ones_like(out))
    print("out:", np.shape(out), "dW:", np.shape(layer.dW), "db:", np.shape(layer.db), "dL/dx:", np.shape(d_x))
