# expect: pass
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        self.W = np.random.normal(0.0, np.sqrt(2.0 / in_dim), size=(in_dim, out_dim))
        self.b = np.zeros(out_dim)
        self.cache = None

    def forward(self, x):
        self.cache = x
        return np.dot(x, self.W) + self.b[None, :]

    def backward(self, d_out):
        x = self.cache
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        d_x = np.zeros_like(x)
        for n in range(x.shape[0]):  # one example at a time: accumulate each one's contribution
            self.dW += np.outer(x[n], d_out[n])
            self.db += d_out[n]
            d_x[n] = self.W @ d_out[n]
        return d_x
