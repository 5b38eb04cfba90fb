# expect: pass
# Walks every entry through a flat view of x (reshape(-1) of a contiguous array shares its memory),
# saving each old value and assigning it back.
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape, dtype=np.float64)
    flat_x = x.reshape(-1)
    flat_grad = grad.reshape(-1)
    for k in range(flat_x.size):
        saved = flat_x[k]
        flat_x[k] = saved + h
        up = f(x)
        flat_x[k] = saved - h
        down = f(x)
        flat_x[k] = saved
        flat_grad[k] = (up - down) / (2.0 * h)
    return grad
