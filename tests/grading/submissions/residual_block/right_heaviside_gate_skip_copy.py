# expect: pass
# np.heaviside(z1, 0) as a float gate, and the skip gradient copied first, the branch's added into it.
"""A residual block: forward and backward through a skip connection.

A residual block adds a small two-layer network to its own input, so that the block learns a
correction to x rather than a whole new representation (the building block of ResNets and, with
attention in place of the MLP, of Transformers). For a batch x of shape (N, dim):

    z1  = fc1(x)          (N, dim)     fc1, fc2: the Linear(dim, dim) layers below (given, working)
    a1  = relu(z1)        (N, dim)
    z2  = fc2(a1)         (N, dim)
    out = x + z2          (N, dim)     the skip connection: x itself is added back, and NO ReLU after it

Implement, in `ResidualBlock`:
- `forward(x)`: return out as above (float64, shape (N, dim)), keeping what backward will need.
- `backward(d_out)`: given d_out = dL/d(out), shape (N, dim), from the last forward: fill fc1.dW,
  fc1.db, fc2.dW and fc2.db (through the layers' own backward) and return dL/dx, shape (N, dim).
  dL/dx is the total over every path by which x reaches out — the skip included.
Leave x and d_out unchanged. N = 1 must work, and any dim >= 1.

The traps: forgetting a path (the skip carries gradient too), the ReLU's derivative taken at the wrong
place (it belongs to fc1's output, z1 — not to x, not to fc2's output), and the order of the
backward calls: each layer's backward needs the gradient at its own output, so the branch is undone
from its end back to its start.
"""

import numpy as np


class Linear:
    """Given, working: out = x @ W + b, W (in_dim, out_dim), b (out_dim,); backward(d_out) sets dW, db and returns dL/dx."""

    def __init__(self, in_dim, out_dim):
        self.W = np.random.randn(in_dim, out_dim) * np.sqrt(2.0 / in_dim)
        self.b = np.zeros(out_dim)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, d_out):
        self.dW = self.x.T @ d_out
        self.db = d_out.sum(axis=0)
        return d_out @ self.W.T


def relu(x):
    """Given: max(0, x), element-wise."""
    return np.maximum(0.0, x)


class ResidualBlock:
    def __init__(self, dim):
        self.fc1 = Linear(dim, dim)
        self.fc2 = Linear(dim, dim)
        self.layers = [self.fc1, self.fc2]

    def forward(self, x):
        h = self.fc1.forward(x)
        self.gate = np.heaviside(h, 0.0)
        h = h * self.gate
        h = self.fc2.forward(h)
        return np.add(h, x)

    def backward(self, d_out):
        skip = d_out.copy()
        g = self.fc2.backward(d_out)
        g = g * self.gate
        g = self.fc1.backward(g)
        skip += g
        return skip
