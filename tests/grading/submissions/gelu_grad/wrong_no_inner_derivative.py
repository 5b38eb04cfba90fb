# expect: fail
# diagnosis: likely mistake: du/dx is missing its 3 * 0.044715 * x**2 part
import numpy as np

C = np.sqrt(2.0 / np.pi)


def gelu_grad(x):
    t = np.tanh(C * (x + 0.044715 * x**3))
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t**2) * C
