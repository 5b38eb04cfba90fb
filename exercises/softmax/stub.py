"""A numerically stable softmax.

Softmax turns a row of K scores (logits) into K probabilities:

    softmax(z)_k = exp(z_k) / sum_j exp(z_j)

Every output is positive and each row sums to 1. Adding one constant c to every logit of a row
changes nothing: exp(z_k + c) = exp(c) * exp(z_k), and exp(c) cancels between top and bottom.
That is the stability trick. In float64 exp(710) is already inf and exp(-746) is 0, so logits of
size 1e4 give inf / inf or 0 / 0 = NaN. Subtract each row's own maximum first: the largest
exponent becomes exp(0) = 1, nothing overflows, and the sum is at least 1.

Implement `softmax(z)`:
- z: a float64 array of shape (K,), (N, K) or (..., K); a row is the LAST axis
- returns: a new float64 array of z's shape, the softmax of every row
- z itself must be left unchanged.

The traps: reducing over the wrong axis; a max or a sum without keepdims=True (its shape (N,)
lines up with the columns, not the rows); the max of the whole array rather than of each row
(a row at -1e4 next to a row at +1e4 still underflows); and `z -= ...`, which rewrites the
caller's array.
"""

import numpy as np  # noqa: F401 - yours to use


def softmax(z):
    """Softmax over the last axis of z; same shape, every row sums to 1."""
    raise NotImplementedError
