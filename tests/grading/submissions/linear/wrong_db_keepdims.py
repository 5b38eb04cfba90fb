# expect: fail
# diagnosis: db has shape (1, 3), expected (3,)
# diagnosis: likely mistake: the right numbers with an extra axis of length 1: shape (1, 3), expected (3,)
# db is summed with keepdims=True and never flattened: a (1, out_dim) row where b is (out_dim,).
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        self.W = np.random.randn(in_dim, out_dim) * np.sqrt(2.0 / in_dim)
        self.b = np.zeros(out_dim)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, d_out):
        self.dW = self.x.T @ d_out
        self.db = np.sum(d_out, axis=0, keepdims=True)
        return d_out @ self.W.T
