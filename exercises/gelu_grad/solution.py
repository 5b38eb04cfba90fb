"""Reference: the derivative of the tanh-approximate GELU."""

import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715


def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))


def gelu_grad(x):
    t = np.tanh(C * (x + K * x**3))
    du_dx = C * (1.0 + 3.0 * K * x**2)
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du_dx
