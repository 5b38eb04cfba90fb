"""Reference: an embedding lookup, and its backward pass as a scatter-add."""

import numpy as np


def embedding_forward(W, idx):
    return W[idx]  # integer-array indexing: a new array of shape idx.shape + (D,)


def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    dW = np.zeros((V, D))
    # unbuffered: a row looked up k times receives all k of its gradients
    np.add.at(dW, np.reshape(idx, -1), np.reshape(d_out, (-1, D)))
    return dW
