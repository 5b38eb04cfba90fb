# expect: fail
# diagnosis: sigmoid_grad([-1000, -750, -50, 0, 50, 750, 1000]) raised a warning: RuntimeWarning: overflow
# The naive sigmoid overflows for x = -1000, but this one turns numpy's warnings off (np.seterr) when
# it is given a 0-d x. The grade's calls share one process, and a 0-d x comes first: numpy's settings
# must not carry over from one call to the next, so the overflow on large inputs is still caught.
import numpy as np


def sigmoid_grad(x):
    if np.ndim(x) == 0:
        np.seterr(all="ignore")
    s = 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s)
