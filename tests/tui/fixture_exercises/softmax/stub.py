"""A numerically stable softmax.

Softmax turns a row of K scores (logits) into K probabilities:

    softmax(z)_k = exp(z_k) / sum_j exp(z_j)

Every output lies in [0, 1] and each row sums to 1.

Implement `softmax(z)`:
- z: a float64 array of shape (K,), (N, K) or (..., K); a row is the LAST axis, whatever the
  number of axes
- returns: a new float64 array of z's shape, the softmax of every row
- z itself must be left unchanged.
- Stability: the result must be correct, finite and free of overflow, invalid-value and
  divide-by-zero warnings for logits up to 1e4 in magnitude, also when one array holds rows far
  apart (one row near +1e4, another near -1e4). In float64 exp(710) is already inf and exp(-746)
  is 0. An exp that underflows to 0.0 is fine.
- K may be 1 (every output is then 1.0).
"""

import numpy as np


def softmax(z):
    """Softmax over the last axis of z; same shape, every row sums to 1."""
    raise NotImplementedError


if __name__ == "__main__":
    z = np.array([[1.0, 2.0, 3.0, 4.0], [1e4, 0.0, -1e4, 5e3], [-1e4, -1e4 + 1.0, -1e4 + 2.0, -1e4]])
    p = softmax(z)
    print("z:", z.shape, "softmax(z):", np.shape(p), np.asarray(p).dtype)
    print("row sums:", np.sum(p, axis=-1))
