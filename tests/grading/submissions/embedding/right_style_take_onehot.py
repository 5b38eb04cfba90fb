# expect: pass
# np.take along axis 0; backward as a one-hot (M, V) matrix transposed times d_out flattened to (M, D)
import numpy as np


def embedding_forward(W, idx):
    return np.take(W, idx, axis=0)

def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    flat = np.asarray(idx).reshape(-1)
    onehot = np.zeros((flat.size, V))
    onehot[np.arange(flat.size), flat] = 1.0
    return onehot.T @ d_out.reshape(-1, D)
