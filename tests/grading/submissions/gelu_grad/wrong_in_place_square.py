# expect: fail
# diagnosis: modified its input `x` in place
# x squared in place to save a temporary, and the caller's array with it.
import numpy as np

C = np.sqrt(2.0 / np.pi)


def gelu_grad(x):
    t = np.tanh(C * (x + 0.044715 * x**3))
    first = 0.5 * (1 + t)
    half_x_sech2 = 0.5 * x * (1 - t * t)
    x *= x
    return first + half_x_sech2 * C * (1 + 3 * 0.044715 * x)
