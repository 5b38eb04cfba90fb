# expect: fail
# diagnosis: modified its input `x` in place
import numpy as np


def tanh_grad(x):
    t = np.tanh(x, out=x)  # "saves an allocation" by overwriting x
    return 1 - t * t
