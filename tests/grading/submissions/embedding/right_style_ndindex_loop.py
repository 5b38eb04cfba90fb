# expect: pass
# np.take for the lookup; the backward as a plain loop over every position of idx, whatever its shape.
import numpy as np


def embedding_forward(W, idx):
    return np.take(W, idx, axis=0)


def embedding_backward(d_out, idx, V):
    dW = np.zeros((V, d_out.shape[-1]), dtype=np.float64)
    for pos in np.ndindex(idx.shape):
        dW[idx[pos]] += d_out[pos]
    return dW
