# expect: fail
# diagnosis: tanh_grad(x) has dtype float32, expected float64
import numpy as np


def tanh_grad(x):
    t = np.tanh(x.astype(np.float32))  # "half the memory"
    return 1 - t * t
