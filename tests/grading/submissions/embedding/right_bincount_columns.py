# expect: pass
# The lookup on a flattened idx, reshaped back; the backward one column of dW at a time with np.bincount.
import numpy as np


def embedding_forward(W, idx):
    flat = np.asarray(idx).reshape(-1)
    return W[flat].reshape(np.shape(idx) + (W.shape[1],))


def embedding_backward(d_out, idx, V):
    flat = np.asarray(idx).reshape(-1)
    D = d_out.shape[-1]
    g = d_out.reshape(-1, D)
    return np.stack([np.bincount(flat, weights=g[:, j], minlength=V) for j in range(D)], axis=1)
