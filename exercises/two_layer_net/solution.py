"""Reference: a two-layer ReLU network with softmax cross-entropy, trained by plain SGD."""

import numpy as np


def relu(x):
    return np.maximum(0.0, x)


def relu_grad(x):
    return (x > 0).astype(np.float64)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy_loss(probs, y_onehot):
    log_probs = np.log(np.maximum(probs, np.finfo(np.float64).tiny))
    return float(-np.sum(y_onehot * log_probs) / probs.shape[0])


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


class TwoLayerNet:
    def __init__(self, input_dim, hidden_dim, output_dim, lr=0.01):
        self.fc1 = Linear(input_dim, hidden_dim)
        self.fc2 = Linear(hidden_dim, output_dim)
        self.lr = lr

    def forward(self, X, y_onehot):
        self.z1 = self.fc1.forward(X)
        self.probs = softmax(self.fc2.forward(relu(self.z1)))
        return cross_entropy_loss(self.probs, y_onehot)

    def backward(self, y_onehot):
        d_z2 = (self.probs - y_onehot) / y_onehot.shape[0]
        d_a1 = self.fc2.backward(d_z2)
        self.fc1.backward(d_a1 * relu_grad(self.z1))

    def update(self):
        for layer in (self.fc1, self.fc2):
            layer.W -= self.lr * layer.dW
            layer.b -= self.lr * layer.db
