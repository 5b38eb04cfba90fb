# expect: fail
# diagnosis: has dtype int64, expected float64
# diagnosis: likely mistake: dW was created with an integer dtype
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    dW = np.zeros((V, d_out.shape[-1]), dtype=idx.dtype)
    for pos in np.ndindex(idx.shape):
        dW[idx[pos]] = dW[idx[pos]] + d_out[pos]
    return dW
