# expect: pass
# the chain rule written out entry by entry: sum_i d_i * dp_i/dz_j with a Kronecker delta, over np.ndindex rows
import numpy as np


def softmax_backward(probs, d_probs):
    out = np.zeros(probs.shape)
    for idx in np.ndindex(probs.shape[:-1]):
        p = probs[idx]
        g = d_probs[idx]
        C = len(p)
        for j in range(C):
            acc = 0.0
            for i in range(C):
                dij = 1.0 if i == j else 0.0
                acc += g[i] * p[i] * (dij - p[j])
            out[idx + (j,)] = acc
    return out
