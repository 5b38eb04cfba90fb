# expect: fail
# diagnosis: softmax(z) has float32 precision
# Computed in float32 to save memory and cast back to float64 at the end: right to about 7 digits only.
import numpy as np


def softmax(z):
    z32 = z.astype(np.float32)
    e = np.exp(z32 - z32.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float64)
