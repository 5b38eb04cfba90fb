"""The sigmoid's gradient, without overflow.

The sigmoid squashes any real number into (0, 1):

    sigma(x) = 1 / (1 + exp(-x))

Its derivative has a famously compact form, written in terms of the sigmoid itself:

    sigma'(x) = sigma(x) * (1 - sigma(x))

It peaks at x = 0 (value 0.25) and falls towards 0 on both sides: this saturation is why deep
stacks of sigmoids suffer from vanishing gradients.

Implement `sigmoid_grad(x)`:
- x: a numpy array of any shape (float64), the pre-activation (not sigma(x))
- returns: a new float64 array of the same shape with sigma'(x) element-wise
- x itself must be left unchanged.

The trap: the textbook formula overflows. For x = -1000, exp(-x) = exp(1000) is far beyond the
largest float64 (about 1.8e308); numpy returns inf with a RuntimeWarning, and rearranged forms such
as exp(-x) / (1 + exp(-x))**2 give inf / inf = NaN. Your result must be finite, and computing it
must raise no warning at all, for every |x| up to 1000. Only ever exponentiate a number that is
<= 0 (exp(-|x|) lies in (0, 1]), and remember that np.where evaluates BOTH of its branches.
"""

import numpy as np  # noqa: F401 - you will need it


def sigmoid_grad(x):
    """sigma(x) * (1 - sigma(x)) element-wise; finite and warning-free for any |x| <= 1000."""
    raise NotImplementedError
