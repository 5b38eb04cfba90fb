# expect: fail
# diagnosis: gelu_grad(x) is wrong
# diagnosis: likely mistake: the derivative of the exact GELU x * Phi(x) (erf)
import math

import numpy as np

erf = np.vectorize(math.erf, otypes=[float])


def gelu_grad(x):
    cdf = 0.5 * (1.0 + erf(x / math.sqrt(2.0)))
    pdf = np.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)
    return cdf + x * pdf
