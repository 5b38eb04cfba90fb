# expect: pass
# log sigma(x) = -logaddexp(0, -x), so sigma(x) (1 - sigma(x)) = exp(-logaddexp(0, -x) - logaddexp(0, x)):
# no overflow anywhere, and a numpy scalar for a 0-d x.
import numpy as np


def sigmoid_grad(x):
    return np.exp(-np.logaddexp(0.0, -x) - np.logaddexp(0.0, x))
