# expect: fail
# diagnosis: Linear(3, 5).W has shape (5, 3), expected (3, 5)
# diagnosis: likely mistake: W is stored as (out_dim, in_dim)
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        self.W = np.random.randn(out_dim, in_dim) * np.sqrt(2.0 / in_dim)
        self.b = np.zeros(out_dim)

    def forward(self, x):
        self.x = x
        return x @ self.W.T + self.b

    def backward(self, d_out):
        self.dW = d_out.T @ self.x
        self.db = d_out.sum(axis=0)
        return d_out @ self.W
