# expect: pass
# The branch is a list of layers with a common interface (a ReLU layer of its own included):
# forward runs it front to back, backward back to front, as a Sequential container does.
import numpy as np


class Linear:
    def __init__(self, n_in, n_out):
        self.W = np.random.default_rng().normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.inp = x
        return np.dot(x, self.W) + self.b

    def backward(self, grad):
        self.dW = np.dot(self.inp.T, grad)
        self.db = np.sum(grad, axis=0)
        return np.dot(grad, self.W.T)


class ReLU:
    def forward(self, x):
        self.positive = x > 0
        return np.where(self.positive, x, 0.0)

    def backward(self, grad):
        return grad * self.positive


class ResidualBlock:
    def __init__(self, dim):
        self.fc1 = Linear(dim, dim)
        self.fc2 = Linear(dim, dim)

    def forward(self, x):
        self.act = ReLU()
        h = x
        for layer in (self.fc1, self.act, self.fc2):
            h = layer.forward(h)
        return x + h

    def backward(self, d_out):
        g = d_out
        for layer in (self.fc2, self.act, self.fc1):
            g = layer.backward(g)
        return g + d_out
