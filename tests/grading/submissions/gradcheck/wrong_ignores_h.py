# expect: fail
# diagnosis: numerical_gradient(sum(x**3), x, h=0.1) is wrong
# diagnosis: likely mistake: h was ignored
import numpy as np

EPS = 1e-5


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + EPS
        f_plus = f(x)
        x[i] = old - EPS
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * EPS)
    return grad
