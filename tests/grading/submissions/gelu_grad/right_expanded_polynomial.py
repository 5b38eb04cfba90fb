# expect: pass
# The product multiplied out: 1/2 + t/2 + (1 - t^2) * (a x + b x^3).
import numpy as np

A = 0.5 * np.sqrt(2.0 / np.pi)
B = 1.5 * 0.044715 * np.sqrt(2.0 / np.pi)


def gelu_grad(x):
    t = np.tanh(np.sqrt(2.0 / np.pi) * x * (1.0 + 0.044715 * x * x))
    return 0.5 + 0.5 * t + (1.0 - t) * (1.0 + t) * (A * x + B * x**3)
