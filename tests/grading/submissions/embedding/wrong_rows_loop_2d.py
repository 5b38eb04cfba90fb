# expect: fail
# diagnosis: likely mistake: a loop over the first axis of a 2-D idx
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    dW = np.zeros((V, d_out.shape[-1]))
    if idx.ndim == 0:
        dW[idx] += d_out
        return dW
    for k in range(len(idx)):
        dW[idx[k]] += d_out[k]
    return dW
