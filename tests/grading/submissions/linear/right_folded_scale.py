# expect: pass
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        self.W = np.random.randn(in_dim, out_dim) / np.sqrt(in_dim / 2)
        self.b = np.zeros((out_dim,), dtype=np.float64)

    def forward(self, x):
        self.x = x
        return np.matmul(x, self.W) + self.b

    def backward(self, d_out):
        self.dW = np.matmul(self.x.T, d_out)
        self.db = np.sum(d_out, axis=0)
        return np.matmul(d_out, self.W.T)
