# expect: fail
# diagnosis: tanh_grad(x) has float32 precision
# np.tanh in float32, the result cast back to float64.
import numpy as np


def tanh_grad(x):
    t = np.tanh(x.astype(np.float32))
    return (1 - t * t).astype(np.float64)
