"""The combined softmax + cross-entropy gradient.

A classifier's last layer gives logits z (N, K). The loss is softmax followed by cross-entropy,
averaged over the batch:

    p = softmax(z)                       (row by row)
    L = -(1/N) * sum_n sum_k y_nk * log p_nk

Differentiating the two together collapses into something short. For one example, with the
softmax Jacobian dp_j/dz_k = p_j * (delta_jk - p_k), and sum_j y_j = 1:

    dL_n / dz_nk = sum_j (-y_j / p_j) * p_j * (delta_jk - p_k) = p_k - y_k

and the 1/N of the mean carries through unchanged. Going the long way, through dL/dp = -y / p,
divides by probabilities that can underflow to exactly 0; the combined form never divides.

Implement `softmax_cross_entropy_backward(logits, y_onehot)`:
- logits: float64 array (N, K); y_onehot: float64 array (N, K), one 1.0 per row
- returns: dL/dlogits, a new float64 array (N, K), for L the MEAN cross-entropy over the batch
- neither input may be changed.

`softmax` below is given and stable (it subtracts each row's max), so logits of 1e4 are fine.
"""

import numpy as np


def softmax(z):
    """Softmax over the last axis, stable for large logits (given)."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    """d(mean cross-entropy of softmax(logits))/d logits, shape (N, K)."""
    raise NotImplementedError
