# expect: fail
# diagnosis: your function modified its input `d_out` in place
# dx is built by adding the branch into d_out itself: the caller's gradient array changes.
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
        dx = d_out
        dx += self.fc1.backward(self.fc2.backward(d_out) * (self.z1 > 0))
        return dx
