# expect: pass
# a layer object holding the slope; boolean-index assignment into a ones array
import numpy as np


class LeakyReLU:
    def __init__(self, negative_slope=0.01):
        self.negative_slope = negative_slope
    def grad(self, x):
        dx = np.ones_like(x, dtype=np.float64)
        dx[x <= 0] = self.negative_slope
        return dx

def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)

def leaky_relu_grad(x, alpha=0.01):
    return LeakyReLU(alpha).grad(x)
