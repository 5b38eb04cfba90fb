# expect: pass
import numpy as np


def sigmoid_grad(x):
    # sigma(x) = (1 + tanh(x / 2)) / 2, so sigma * (1 - sigma) = (1 - tanh(x / 2)**2) / 4
    t = np.tanh(0.5 * x)
    return 0.25 * (1.0 - t * t)
