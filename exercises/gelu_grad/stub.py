"""GELU's gradient (the tanh approximation).

GELU, the activation of BERT and GPT-2, weighs each input by how likely a standard normal variable
is to be below it: exactly, gelu(x) = x * Phi(x) with Phi the normal CDF (which needs erf). Most
code uses a cheaper approximation instead, the one graded here — PyTorch's
`gelu(x, approximate="tanh")`:

    gelu(x) = 0.5 * x * (1 + tanh(u)),    u = sqrt(2 / pi) * (x + 0.044715 * x**3)

It is smooth everywhere, about x for large positive x, about 0 for large negative x, and dips
slightly below 0 around x = -0.75.

Implement `gelu_grad(x)`, d gelu / dx of the formula above, element-wise:
- x: a float64 numpy array of any shape, 0-d included (the pre-activation)
- returns: a new float64 array of x's shape
- x itself must be left unchanged.

It is the derivative of the tanh formula above — not of the exact x * Phi(x) and not of other
approximations such as x * sigmoid(1.702 * x), whose derivatives differ from this one by up to
about 9e-4 and 3e-2: far more than the grader's tolerance.

Requirement: for every |x| up to 1e4 the result is finite, as exact there as anywhere else (the
grader's tolerance is the same for every input), and computing it raises no warning (no overflow,
no invalid value). At x = 1e4, x**3 is 1e12 and u is about 3.6e11: float64 holds those numbers
easily, but not every function of them fits in a float64.
"""

import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715


def gelu(x):
    """Forward pass, given: the tanh-approximate GELU, element-wise."""
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))


def gelu_grad(x):
    """d gelu / dx element-wise; same shape as x, float64; finite and warning-free for |x| <= 1e4."""
    raise NotImplementedError


if __name__ == "__main__":
    for shape in [(), (5,), (2, 3)]:
        x = np.random.default_rng(0).normal(size=shape)
        g = gelu_grad(x)
        print(shape, "->", np.shape(g), np.asarray(g).dtype)
    print(gelu_grad(np.array([-1e4, 0.0, 1e4])))
