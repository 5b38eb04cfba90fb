# expect: fail
# diagnosis: raised UFuncTypeError
# diagnosis: the float gradients cannot be added into it
# An integer accumulator, as a counting loop would use; the in-place += then refuses float rows.
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    dW = np.zeros((V, d_out.shape[-1]), dtype=int)
    for pos in np.ndindex(idx.shape):
        dW[idx[pos]] += d_out[pos]
    return dW
