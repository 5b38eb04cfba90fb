# expect: fail
# diagnosis: dW from embedding_backward(d_out, idx, V) is wrong
import numpy as np


def embedding_forward(W, idx):
    return W[idx]

def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    ids = idx.reshape(-1)
    rows = d_out.reshape(-1, D)
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    dW = np.zeros((V, D))
    dW[sorted_ids[starts]] = np.add.reduceat(rows, starts, axis=0)   # rows not permuted by `order`
    return dW
