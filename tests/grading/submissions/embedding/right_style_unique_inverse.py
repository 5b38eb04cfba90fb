# expect: pass
# forward from a list of rows; backward accumulates per unique id (np.unique return_inverse), then scatters
import numpy as np


def embedding_forward(W, idx):
    flat = [W[i] for i in np.ravel(idx)]
    return np.array(flat, dtype=np.float64).reshape(np.shape(idx) + (W.shape[1],))

def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    uniq, inv = np.unique(np.ravel(idx), return_inverse=True)
    sums = np.zeros((uniq.size, D))
    np.add.at(sums, inv.reshape(-1), d_out.reshape(-1, D))
    dW = np.zeros((V, D))
    dW[uniq] = sums
    return dW
