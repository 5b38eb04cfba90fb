# expect: fail
# diagnosis: has shape (7, 4), expected (6, 4)
# diagnosis: likely mistake: dW has one row per lookup
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    dW = np.zeros((len(idx), d_out.shape[-1]))
    for i in range(len(idx)):
        dW[i] += d_out[i]
    return dW
