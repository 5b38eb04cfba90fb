# expect: pass
# np.add.at straight on idx and d_out: it pairs them position by position for any shape of idx.
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    dW = np.zeros((V,) + d_out.shape[-1:])
    np.add.at(dW, idx, d_out)
    return dW
