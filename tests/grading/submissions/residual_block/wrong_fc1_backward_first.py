# expect: fail
# diagnosis: fc2.dW after backward(d_out) is wrong
# diagnosis: likely mistake: fc1.backward was called before fc2.backward
# The layers are undone in the order they were built, so each one gets the wrong upstream gradient.
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
        self.z1 = self.fc1.forward(x)
        return x + self.fc2.forward(relu(self.z1))

    def backward(self, d_out):
        g = self.fc1.backward(d_out) * (self.z1 > 0)
        return d_out + self.fc2.backward(g)
