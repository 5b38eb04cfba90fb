# expect: pass
import numpy as np


def tanh_grad(x):
    # d tanh / dx = sech(x)**2; cosh overflows to inf for huge |x|, and 1 / inf is the right answer, 0
    return 1.0 / np.cosh(x) ** 2
