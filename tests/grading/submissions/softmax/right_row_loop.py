# expect: pass
import numpy as np


def softmax(z):
    rows = np.asarray(z, dtype=np.float64).reshape(-1, z.shape[-1])
    out = np.empty_like(rows)
    for i, row in enumerate(rows):
        shifted = row - row.max()
        e = np.exp(shifted)
        out[i] = e / e.sum()
    return out.reshape(z.shape)
