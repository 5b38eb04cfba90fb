# expect: pass
# The mask is read off the ReLU's output (a1 > 0, the same set as z1 > 0), np.where zeroes the
# gradient, and dx starts as a copy of d_out that the branch is added to.
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
        self.a1 = relu(self.fc1.forward(x))
        out = x.copy()
        out += self.fc2.forward(self.a1)
        return out

    def backward(self, d_out):
        d_a1 = self.fc2.backward(d_out)
        d_z1 = np.where(self.a1 > 0, d_a1, 0.0)
        dx = d_out.copy()
        dx += self.fc1.backward(d_z1)
        return dx
