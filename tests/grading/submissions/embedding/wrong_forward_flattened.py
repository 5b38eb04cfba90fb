# expect: fail
# diagnosis: embedding_forward(W, idx) has shape (8, 3), expected (2, 4, 3)
# diagnosis: likely mistake: the right numbers in the wrong shape
import numpy as np


def embedding_forward(W, idx):
    return W[np.asarray(idx).reshape(-1)]


def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    dW = np.zeros((V, D))
    np.add.at(dW, np.reshape(idx, -1), np.reshape(d_out, (-1, D)))
    return dW
