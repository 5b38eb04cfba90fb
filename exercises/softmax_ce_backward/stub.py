"""The combined softmax + cross-entropy gradient.

A classifier's last layer gives logits z, shape (N, K). The loss is a softmax followed by the
cross-entropy, averaged over the batch:

    p_nk = exp(z_nk) / sum_j exp(z_nj)          (softmax of each row)
    L    = mean over the N rows of  -sum_k y_nk * log(p_nk)

Derive the gradient of L with respect to the logits, through both steps at once, and compute it.

Implement `softmax_cross_entropy_backward(logits, y_onehot)`:
- logits: float64 array (N, K); y_onehot: float64 array (N, K), one 1.0 per row
- returns: dL/dlogits, a new float64 array (N, K), for L the MEAN cross-entropy over the batch
  (N is the batch size, the number of rows)
- neither input may be changed.
- Stability: the result must be correct, finite and free of overflow, invalid-value and
  divide-by-zero warnings for logits up to 1e4 in magnitude, including rows where the true
  class's probability underflows to exactly 0.0.

`softmax` below is given and stable for such logits.
"""

import numpy as np


def softmax(z):
    """Softmax over the last axis, stable for logits up to 1e4 in magnitude (given)."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    """d(mean cross-entropy of softmax(logits)) / d logits, shape (N, K), float64."""
    raise NotImplementedError


if __name__ == "__main__":
    logits = np.array([[2.0, 1.0, 0.0], [0.5, -1.0, 3.0]])
    y_onehot = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    grad = softmax_cross_entropy_backward(logits, y_onehot)
    print("logits:", logits.shape, "gradient:", np.shape(grad), np.asarray(grad).dtype)
    print("row sums:", np.sum(grad, axis=1))
