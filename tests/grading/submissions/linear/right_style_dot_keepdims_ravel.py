# expect: pass
# np.dot throughout, W drawn with np.random.normal's scale (the standard deviation), and db summed
# with keepdims=True then flattened back to (out_dim,).
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        std = np.sqrt(2.0 / in_dim)
        self.W = np.random.normal(loc=0.0, scale=std, size=(in_dim, out_dim))
        self.b = np.zeros((out_dim,), dtype=np.float64)

    def forward(self, x):
        self.cache = x
        return np.dot(x, self.W) + self.b

    def backward(self, d_out):
        x = self.cache
        self.dW = np.dot(x.T, d_out)
        self.db = np.sum(d_out, axis=0, keepdims=True).ravel()
        return np.dot(d_out, self.W.T)
