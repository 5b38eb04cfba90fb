# expect: fail
# diagnosis: gelu_grad(x) for |x| from 6 to 1e4 is wrong
# diagnosis: tanh built from exp() meets inf / inf = NaN
import numpy as np

C = np.sqrt(2.0 / np.pi)


def gelu_grad(x):
    u = C * (x + 0.044715 * x**3)
    t = (np.exp(2 * u) - 1) / (np.exp(2 * u) + 1)
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * 0.044715 * x * x)
