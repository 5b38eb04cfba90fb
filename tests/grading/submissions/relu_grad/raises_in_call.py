# expect: error
# diagnosis: your code raised ValueError: operands could not be broadcast
import numpy as np


def relu_grad(x):
    return (x > 0) * np.ones(x.shape + (2,)) * np.ones(3)
