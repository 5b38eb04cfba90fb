# expect: fail
# diagnosis: the default h is 1e-10, too small
# A central difference with h = 1e-10: f(x + h) and f(x - h) agree in all but their last few digits,
# so the rounding error of their difference, divided by 2h, swamps the gradient's later digits.
import numpy as np


def numerical_gradient(f, x, h=1e-10):
    out = np.zeros(x.shape)
    for idx in np.ndindex(*x.shape):
        keep = x[idx]
        x[idx] = keep + h
        a = f(x)
        x[idx] = keep - h
        b = f(x)
        x[idx] = keep
        out[idx] = (a - b) / (2 * h)
    return out
