"""Clipping gradients by their global norm.

When a loss spikes (a bad batch, a deep RNN unrolled over many steps) the gradients can explode and a
single update can throw the weights far away. Clipping by the global norm caps the size of the whole
update while keeping its direction: treat all gradient arrays as one long vector,

    total_norm = sqrt(sum over every array g of sum(g ** 2))

and if total_norm > max_norm, multiply every array by the same factor max_norm / total_norm, so the
new global norm is exactly max_norm. Otherwise leave the gradients alone.

Example: grads [3, 4] and [12] have total_norm sqrt(9 + 16 + 144) = 13; with max_norm = 1 they
become [3/13, 4/13] and [12/13], and the function returns 13.0.

Implement `clip_grad_norm(grads, max_norm)`:
- grads: a list of float64 numpy arrays of any shapes (the gradients of a model's parameters)
- max_norm: a positive float
- scales the arrays IN PLACE (the caller keeps using the same arrays) and returns total_norm, the
  norm BEFORE clipping, as a float (it is the number you log to watch for exploding gradients).

The trap: one norm for all arrays together, not one per array, and a rescale, not np.clip.
"""

import numpy as np  # noqa: F401 - you will want it


def clip_grad_norm(grads, max_norm):
    """Scale grads in place so their global L2 norm is at most max_norm; return the norm before clipping."""
    raise NotImplementedError
