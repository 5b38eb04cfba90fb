# expect: fail
# diagnosis: likely mistake: returned gelu(x), the forward pass
import numpy as np


def gelu_grad(x):
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))
