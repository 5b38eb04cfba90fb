# expect: pass
# backward: stable argsort of the ids, then np.add.reduceat over each run of equal ids
import numpy as np


def embedding_forward(W, idx):
    return W[idx]

def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    ids = idx.reshape(-1)
    rows = d_out.reshape(-1, D)
    dW = np.zeros((V, D))
    if ids.size == 0:
        return dW
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    dW[sorted_ids[starts]] = np.add.reduceat(rows[order], starts, axis=0)
    return dW
