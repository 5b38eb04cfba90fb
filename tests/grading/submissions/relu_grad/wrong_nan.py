# expect: fail
# diagnosis: NaN or inf where the answer is finite
import numpy as np


def relu_grad(x):
    return np.maximum(x, 0) / np.maximum(x, 0) * 0 + (x > 0) + np.where(x < 0, np.nan, 0)
