"""A two-layer network, trained by hand.

The network classifies a batch X, shape (N, input_dim), into output_dim classes:

    z1 = fc1(X)          (N, hidden_dim)     fc1, fc2 are the Linear layers below (given, working)
    a1 = relu(z1)        (N, hidden_dim)
    z2 = fc2(a1)         (N, output_dim)
    probs = softmax(z2)  (N, output_dim)     each row sums to 1
    loss = mean over the batch of -log(probability of the true class)

Backward applies the chain rule from the loss down, one step per line above:

    d_z2 = (probs - y_onehot) / N     softmax and cross-entropy together; the / N is the mean's
    d_a1 = fc2.backward(d_z2)         also fills fc2.dW, fc2.db
    d_z1 = d_a1 * relu_grad(z1)       ReLU lets gradient through only where z1 > 0
    fc1.backward(d_z1)                fills fc1.dW, fc1.db

and update() takes one step of plain SGD on all four parameter arrays: p -= lr * dp.

Implement, in `TwoLayerNet`:
- `forward(X, y_onehot)`: return the mean cross-entropy loss (a float), keeping what backward needs.
- `backward(y_onehot)`: fill fc1.dW, fc1.db, fc2.dW, fc2.db (through the layers' own backward).
  Compute gradients only: the weights must not change here.
- `update()`: subtract lr * gradient from fc1.W, fc1.b, fc2.W, fc2.b, IN PLACE (`-=`), so anything else
  that holds those arrays sees the new values.

The traps: the ReLU mask in backward, the / N, and `self.fc1.W = self.fc1.W - ...`, which builds a
new array instead of updating the one the network (and everyone else) holds.
"""

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
        """X: (N, input_dim), y_onehot: (N, output_dim) -> the mean cross-entropy loss (float)."""
        raise NotImplementedError

    def backward(self, y_onehot):
        """Fill fc1.dW, fc1.db, fc2.dW, fc2.db from the last forward. Weights unchanged."""
        raise NotImplementedError

    def update(self):
        """One SGD step, in place: W -= lr * dW and b -= lr * db for fc1 and fc2."""
        raise NotImplementedError
