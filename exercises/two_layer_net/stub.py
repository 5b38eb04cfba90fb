"""A two-layer network, trained by hand.

The network classifies a batch X, shape (N, input_dim), into output_dim classes:

    z1 = fc1(X)          (N, hidden_dim)     fc1, fc2 are the Linear layers below (given, working)
    a1 = relu(z1)        (N, hidden_dim)
    z2 = fc2(a1)         (N, output_dim)
    probs = softmax(z2)  (N, output_dim)     each row sums to 1
    loss = mean over the batch of -log(probability of the true class)

Training repeats three calls on a batch: loss = forward(X, y_onehot), then backward(y_onehot),
then update().

Implement, in `TwoLayerNet`:
- `forward(X, y_onehot)`: return the mean cross-entropy loss (a float) of the network above,
  keeping what backward will need. The helpers below compute each line.
- `backward(y_onehot)`: after a forward on the same batch, fill fc1.dW, fc1.db, fc2.dW, fc2.db
  with the gradients of that loss with respect to fc1.W, fc1.b, fc2.W, fc2.b (each shaped like
  its parameter), through the layers' own backward. Compute gradients only: no weight may change
  here.
- `update()`: one step of plain gradient descent with learning rate self.lr on all four
  parameters: each moves against its gradient, by self.lr times that gradient. The step must
  change the arrays the layers already hold, in place, not replace them with new arrays, so that
  anything else holding those arrays sees the new values.
- X and y_onehot must be left unchanged. The weights may be assigned to fc1 and fc2 after
  construction; always use the current ones and self.lr.
"""

import numpy as np


def relu(x):
    """max(0, x) element-wise (given)."""
    return np.maximum(0.0, x)


def relu_grad(x):
    """relu's derivative element-wise, float64, 0 at x == 0 (given)."""
    return (x > 0).astype(np.float64)


def softmax(z):
    """Row-wise softmax, stable for large logits (given)."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy_loss(probs, y_onehot):
    """Mean over the batch of -log(probability of the true class). A float."""
    log_probs = np.log(np.maximum(probs, np.finfo(np.float64).tiny))  # finite even where a probability is 0
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
        """One step of gradient descent on fc1.W, fc1.b, fc2.W, fc2.b with self.lr, changing those arrays in place."""
        raise NotImplementedError


if __name__ == "__main__":
    X = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-1.0, 1.0, 1.0], [0.0, 2.0, -2.0]])
    y_onehot = np.eye(2)[[0, 1, 1, 0]]
    net = TwoLayerNet(input_dim=3, hidden_dim=5, output_dim=2, lr=0.1)
    for step in range(3):
        loss = net.forward(X, y_onehot)
        net.backward(y_onehot)
        print("step", step, "loss:", loss, "| dW1:", np.shape(net.fc1.dW), "db1:", np.shape(net.fc1.db),
              "dW2:", np.shape(net.fc2.dW), "db2:", np.shape(net.fc2.db))
        net.update()
