# expect: pass
# The row max and row sum broadcast back with [..., None] instead of keepdims=True, and the division
# written with np.divide into the exponentials' own (new) array.
import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z, axis=-1)[..., None])
    return np.divide(e, np.sum(e, axis=-1)[..., None], out=e)
