# expect: fail
# diagnosis: forward(x) is wrong
# diagnosis: likely mistake: a ReLU is applied after the addition
# The original ResNet block's ordering (a ReLU after the sum), not the one asked for.
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
        self.s = x + self.fc2.forward(relu(self.z1))
        return relu(self.s)

    def backward(self, d_out):
        d_s = d_out * (self.s > 0)
        d_a1 = self.fc2.backward(d_s)
        return d_s + self.fc1.backward(d_a1 * (self.z1 > 0))
