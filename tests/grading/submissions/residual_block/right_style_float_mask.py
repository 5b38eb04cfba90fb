# expect: pass
# The ReLU's derivative is kept from forward as a float mask; backward multiplies with np.multiply
# and adds the two paths with np.add.
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
        self.db = d_out.sum(axis=0)
        return d_out @ self.W.T


def relu(x):
    return np.maximum(0.0, x)


class ResidualBlock:
    def __init__(self, dim):
        self.fc1 = Linear(dim, dim)
        self.fc2 = Linear(dim, dim)

    def forward(self, x):
        h = self.fc1.forward(x)
        self.mask = (h > 0).astype(np.float64)
        return np.add(x, self.fc2.forward(h * self.mask))

    def backward(self, d_out):
        g = np.multiply(self.fc2.backward(d_out), self.mask)
        return np.add(d_out, self.fc1.backward(g))
