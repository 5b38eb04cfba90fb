# expect: pass
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
        self.X = X
        self.z1 = self.fc1.forward(X)
        self.a1 = relu(self.z1)
        self.probs = softmax(self.fc2.forward(self.a1))
        return cross_entropy_loss(self.probs, y_onehot)

    def backward(self, y_onehot):
        # every gradient written out by hand instead of through Linear.backward
        d_z2 = (self.probs - y_onehot) * (1.0 / y_onehot.shape[0])
        self.fc2.dW = np.einsum("nh,nc->hc", self.a1, d_z2)
        self.fc2.db = np.einsum("nc->c", d_z2)
        d_z1 = np.einsum("nc,hc->nh", d_z2, self.fc2.W) * (self.z1 > 0)
        self.fc1.dW = np.einsum("nd,nh->dh", self.X, d_z1)
        self.fc1.db = d_z1.sum(axis=0)

    def update(self):
        for layer in (self.fc1, self.fc2):
            layer.W[...] = layer.W - self.lr * layer.dW
            layer.b[:] = layer.b - self.lr * layer.db
