# expect: pass
# The lookup written as a product with one-hot rows, and its gradient as the transposed product.
import numpy as np


def embedding_forward(W, idx):
    return np.eye(W.shape[0])[idx] @ W


def embedding_backward(d_out, idx, V):
    onehot = np.eye(V)[np.ravel(idx)]
    return onehot.T @ d_out.reshape(-1, d_out.shape[-1])
