# expect: fail
# diagnosis: with idx of shape (2, 4) raised ValueError
# diagnosis: flattening idx to (-1,) and d_out to (-1, D)
# Right for a 1-D idx; for a batch of sequences the one-hot array has three axes and .T scrambles them.
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    onehot = np.eye(V)[idx]
    return onehot.T @ d_out
