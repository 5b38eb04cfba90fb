# expect: fail
# diagnosis: dW from embedding_backward(d_out, idx, V) is wrong
# diagnosis: likely mistake: repeated indices were dropped
# The natural one-liner: numpy buffers the fancy-index update, so a repeated index gets one addition.
import numpy as np


def embedding_forward(W, idx):
    return W[idx]


def embedding_backward(d_out, idx, V):
    dW = np.zeros((V, d_out.shape[-1]))
    dW[idx] += d_out
    return dW
