"""An embedding lookup: forward and backward.

An embedding layer turns integer ids (tokens, users, items) into vectors. It holds a table W of
shape (V, D), one row of length D for each of the V ids, and the forward pass just looks rows up:

    out[p] = W[idx[p]]          for every position p of idx

so `out` has shape idx.shape + (D,): a batch of sentences idx (N, T) gives out (N, T, D), a 1-D
idx (M,) gives (M, D), and a single id (a 0-d array) gives one row, shape (D,).

Implement:
- `embedding_forward(W, idx)`: W float64 (V, D); idx an integer numpy array of any shape (0-d, 1-D,
  2-D, ...), every entry in 0..V-1 -> out, float64, shape idx.shape + (D,).
- `embedding_backward(d_out, idx, V)`: d_out = dL/d(out), float64 of shape idx.shape + (D,); the same
  idx; V the number of rows of W -> dL/dW, a float64 array of shape (V, D).
- Nothing you are given may be changed (W, idx, d_out). Whether out shares memory with W is left
  open: indexing W with an integer array already returns a new array, and nothing more is asked.

Requirements: the same id may occur several times in idx (a word used twice in a sentence, a
popular item in a batch), and dW must account for every occurrence; rows of W that were never
looked up get a zero gradient. dW has the shape and dtype of W whatever the shape of idx.
"""

import numpy as np


def embedding_forward(W, idx):
    """Rows of W at idx: shape idx.shape + (D,)."""
    raise NotImplementedError


def embedding_backward(d_out, idx, V):
    """dL/dW for out = embedding_forward(W, idx): float64 (V, D)."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    W = rng.normal(size=(10, 4))
    idx = np.array([[1, 7, 1], [3, 3, 0]])
    out = embedding_forward(W, idx)
    print("out shape:", out.shape)
    print("dW shape:", embedding_backward(np.ones_like(out), idx, 10).shape)
