# expect: fail
# diagnosis: has dtype int64, expected float64
# diagnosis: likely mistake: dW was created with an integer dtype
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    dW = np.zeros_like(idx, shape=(V, d_out.shape[-1]))
    np.add.at(dW, idx, d_out)
    return dW
