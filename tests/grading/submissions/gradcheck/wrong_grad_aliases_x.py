# expect: fail
# diagnosis: numerical_gradient modified x
# diagnosis: likely mistake: the gradient was written into x and x returned
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = x  # meant to be a fresh array of the same shape
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
