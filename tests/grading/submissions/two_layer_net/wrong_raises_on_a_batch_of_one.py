# expect: error
# diagnosis: ValueError: a batch of one example is not supported
import numpy as np


def relu(x):
    return np.maximum(0.0, x)


def relu_grad(x):
    return (x > 0).astype(np.float64)


def softmax(z):
    """Row-wise softmax; subtracting each row's max keeps exp from overflowing."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy_loss(probs, y_onehot):
    """Mean over the batch of -log(probability of the true class). A float."""
    log_probs = np.log(np.maximum(probs, np.finfo(np.float64).tiny))  # log(0) would be -inf
    return float(-np.sum(y_onehot * log_probs) / probs.shape[0])


class Linear:
    """Given, working: out = x @ W + b; backward sets dW, db and returns dL/dx."""

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
        if len(X) == 1:
            raise ValueError("a batch of one example is not supported")
        self.n = len(X)
        self.a1 = relu(self.fc1.forward(X))
        z2 = self.fc2.forward(self.a1)
        shifted = z2 - z2.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.probs = np.exp(log_probs)
        return float(-(y_onehot * log_probs).sum() / self.n)

    def backward(self, y_onehot):
        d_a1 = self.fc2.backward((self.probs - y_onehot) / self.n)
        self.fc1.backward(np.where(self.a1 > 0, d_a1, 0.0))  # a1 > 0 exactly where z1 > 0

    def update(self):
        for layer in (self.fc1, self.fc2):
            np.subtract(layer.W, self.lr * layer.dW, out=layer.W)
            np.subtract(layer.b, self.lr * layer.db, out=layer.b)
