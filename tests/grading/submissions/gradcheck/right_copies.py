# expect: pass
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.empty(x.shape)
    for idx in np.ndindex(*x.shape):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[idx] += h
        x_minus[idx] -= h
        grad[idx] = 0.5 * (f(x_plus) - f(x_minus)) / h
    return grad
