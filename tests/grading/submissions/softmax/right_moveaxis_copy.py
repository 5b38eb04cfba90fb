# expect: pass
import numpy as np


def softmax(z):
    z = z.copy()                       # work on our own copy, so in-place ops are safe
    z -= np.amax(z, axis=z.ndim - 1)[..., None]
    np.exp(z, out=z)
    z /= np.einsum("...k->...", z)[..., None]
    return z
