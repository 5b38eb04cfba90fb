"""Clipping gradients by their global norm.

When a loss spikes (a bad batch, a deep RNN unrolled over many steps) the gradients can explode and
a single update can throw the weights far away. Clipping by the global norm caps the size of the
whole update while keeping its direction.

The contract is that of torch.nn.utils.clip_grad_norm_(params, max_norm) with the default L2
norm. All gradient arrays together are treated as one long vector; its length is

    total_norm = sqrt( Σ over every array g, Σ over every entry g_k of g:  g_k² )

- when total_norm exceeds max_norm, every array is multiplied by one and the same positive
  factor, chosen so that the global norm afterwards is max_norm (the direction is kept);
- otherwise (total_norm ≤ max_norm, an all-zero gradient included) every array is left exactly as
  it was, and nothing divides by zero.

PyTorch computes its factor with a 1e-6 added to total_norm; that is accepted here too (the checks
compare clipped values to a relative 1e-5), but not required.

Example: grads [3, 4] and [12] have total_norm 13; clipped to max_norm = 1 they become
[3/13, 4/13] and [12/13], and the function returns 13.0.

Implement `clip_grad_norm(grads, max_norm)`:
- grads: a list of float64 numpy arrays of any shapes (0-d and empty arrays included)
- max_norm: a positive float
- scales the arrays IN PLACE (the caller keeps using the same arrays; no new arrays in the list)
- returns total_norm, the norm BEFORE clipping, as a float (the number you log to watch for
  exploding gradients)

`quizprep explain clip_grad_norm` explains why the norm is global, if you want it.
"""

import numpy as np  # noqa: F401 - you will want it


def clip_grad_norm(grads, max_norm):
    """Scale grads in place so their global L2 norm is at most max_norm; return the norm before clipping."""
    raise NotImplementedError


if __name__ == "__main__":
    grads = [np.array([3.0, 4.0]), np.array([12.0]), np.array(0.0)]
    norm = clip_grad_norm(grads, 1.0)
    print("norm before:", norm, type(norm).__name__)
    print("after:", [(g.shape, np.round(g, 6).tolist()) for g in grads])
