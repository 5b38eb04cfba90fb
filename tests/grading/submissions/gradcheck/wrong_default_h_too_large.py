# expect: fail
# diagnosis: the default h is 0.01, too large
# A central difference with a default step of 1e-2 "to be safe from rounding": its truncation error,
# about h² f''' / 6, is 1e-5 relative, far above what a gradient check needs.
import numpy as np


def numerical_gradient(f, x, h=1e-2):
    grad = np.empty_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        idx = it.multi_index
        saved = float(x[idx])
        x[idx] = saved + h
        up = f(x)
        x[idx] = saved - h
        down = f(x)
        x[idx] = saved
        grad[idx] = (up - down) / (2.0 * h)
        it.iternext()
    return grad
