# expect: fail
# diagnosis: likely mistake: dW has idx.max() + 1 rows
import numpy as np


def embedding_forward(W, idx):
    return W[idx]

def embedding_backward(d_out, idx, V):
    D = d_out.shape[-1]
    n_rows = int(idx.max()) + 1     # size of the table guessed from the ids seen
    dW = np.zeros((n_rows, D))
    np.add.at(dW, idx.reshape(-1), d_out.reshape(-1, D))
    return dW
