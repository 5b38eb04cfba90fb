# expect: pass
# np.heaviside with its value at 0 set to 0, mixed with alpha arithmetically
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)

def leaky_relu_grad(x, alpha=0.01):
    h = np.heaviside(x, 0.0)
    return h + alpha * (1.0 - h)
