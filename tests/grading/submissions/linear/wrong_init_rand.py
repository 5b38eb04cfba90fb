# expect: fail
# diagnosis: W's mean for Linear(2000, 500) is
# diagnosis: likely mistake: np.random.rand draws from [0, 1)
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        self.W = np.random.rand(in_dim, out_dim) * np.sqrt(2.0 / in_dim)
        self.b = np.zeros(out_dim)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, d_out):
        self.dW = self.x.T @ d_out
        self.db = d_out.sum(axis=0)
        return d_out @ self.W.T
