"""tanh's gradient.

tanh squashes any real number into (-1, 1) and, unlike the sigmoid, is centred on zero:

    tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x))

Like the sigmoid, its derivative can be written with the function's own output, which the forward
pass has already computed:

    d tanh / dx = 1 - tanh(x)**2

It equals 1 at x = 0, is symmetric (tanh'(-x) = tanh'(x)) and falls to 0 as |x| grows — tanh
saturates on both sides, just as the sigmoid does, only four times steeper at the origin.

Implement `tanh_grad(x)`:
- x: a numpy array of any shape (float64), the pre-activation (not tanh(x))
- returns: a new float64 array of the same shape with 1 - tanh(x)**2 element-wise
- x itself must be left unchanged.

The trap: three formulas look alike. The square belongs to tanh(x), not to x and not to the
difference, and s * (1 - s) is the sigmoid's rule, not tanh's. np.tanh is stable for any input;
building tanh from exp() yourself overflows to inf / inf = NaN for large |x|.
"""

import numpy as np  # noqa: F401 - you will need it


def tanh_grad(x):
    """1 - tanh(x)**2 element-wise, same shape as x, float64."""
    raise NotImplementedError
