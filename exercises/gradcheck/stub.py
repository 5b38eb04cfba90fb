"""A numerical gradient checker.

Before trusting a hand-written backward pass, compare it with the gradient measured directly: nudge
one input a little in each direction and see how much the output moves. For a scalar function f of
an array x, the partial derivative with respect to entry i is, by central differences,

    df/dx[i] ≈ (f(x + h·e_i) - f(x - h·e_i)) / (2h)

where e_i is 1 at position i and 0 elsewhere. Its error shrinks like h² (Taylor: the f'' terms
cancel). The one-sided forward difference (f(x + h·e_i) - f(x)) / h keeps an error of about
h·f''/2 — a thousand times worse at h = 1e-5 — which is why gradient checks use the central one.

Implement `numerical_gradient(f, x, h=1e-5)`:
- f: a function taking an array shaped like x and returning a float
- x: a float64 array of any shape (1-D, 2-D, 3-D, ...)
- returns: a new float64 array shaped like x, entry i holding the central difference above
- when you return, x must hold exactly the values it came in with.

The usual way is to change one entry of x in place, call f, and put the entry back. The traps:
forgetting to put it back (every later entry is then measured at a shifted point, and the caller's
x is corrupted), putting it back with arithmetic (x[i] += h; x[i] -= h is not always exactly x[i]
in floating point — save the old value and assign it), writing `/ 2 * h` for `/ (2 * h)`, and
looping over `range(len(x))`, which on a 2-D array walks rows, not entries (`np.ndindex(x.shape)`
walks every index of any shape).
"""

import numpy as np


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """df/dx by central differences, same shape as x; x is left exactly as it was."""
    raise NotImplementedError
