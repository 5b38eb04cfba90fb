# expect: pass
# Laid out the way framework kernels usually write this backward: the two factors of the product,
# then each one's derivative.
import math

import numpy as np

BETA = math.sqrt(2.0) * (2.0 / math.sqrt(math.pi)) * 0.5
KAPPA = 0.044715


def gelu_grad(x):
    x_cube = x * x * x
    inner = BETA * (x + KAPPA * x_cube)
    tanh_inner = np.tanh(inner)
    left = 0.5 * x
    right = 1.0 + tanh_inner
    left_derivative = 0.5 * right
    right_derivative = left * (1.0 - tanh_inner * tanh_inner) * BETA * (1.0 + 3.0 * KAPPA * x * x)
    return left_derivative + right_derivative
