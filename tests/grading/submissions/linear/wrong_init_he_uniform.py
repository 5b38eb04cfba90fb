# expect: fail
# diagnosis: W's values are not normally distributed
# diagnosis: W looks uniformly distributed
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        limit = np.sqrt(6.0 / in_dim)  # the right variance, 2 / in_dim, but not a normal distribution
        self.W = np.random.uniform(-limit, limit, size=(in_dim, out_dim))
        self.b = np.zeros(out_dim)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, d_out):
        self.dW = self.x.T @ d_out
        self.db = d_out.sum(axis=0)
        return d_out @ self.W.T
