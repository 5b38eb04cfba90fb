# expect: fail
# diagnosis: likely mistake: repeated indices were averaged
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    dW = np.zeros((V, D))
    counts = np.zeros(V)
    np.add.at(dW, idx.reshape(-1), d_out.reshape(-1, D))
    np.add.at(counts, idx.reshape(-1), 1)
    return dW / np.maximum(counts, 1)[:, None]
