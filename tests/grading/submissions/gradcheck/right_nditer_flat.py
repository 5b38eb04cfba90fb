# expect: pass
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    flat_x, flat_g = x.reshape(-1), grad.reshape(-1)  # views of the same memory
    for k in range(flat_x.size):
        saved = float(flat_x[k])
        flat_x[k] = saved + h
        up = f(x)
        flat_x[k] = saved - h
        down = f(x)
        flat_x[k] = saved
        flat_g[k] = (up - down) / (h + h)
    return grad
