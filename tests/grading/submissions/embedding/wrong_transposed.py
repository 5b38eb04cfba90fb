# expect: fail
# diagnosis: likely mistake: the result is transposed
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    onehot = np.eye(V)[idx.reshape(-1)]
    return d_out.reshape(-1, D).T @ onehot
