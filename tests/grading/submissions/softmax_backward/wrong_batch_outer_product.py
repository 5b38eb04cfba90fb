# expect: fail
# diagnosis: likely mistake: one C x C Jacobian for the whole batch
# The single-row Jacobian diag(p) - p p^T "batched" with sums: exact for one row, wrong once N > 1.
import numpy as np


def softmax_backward(probs, d_probs):
    jacobian = np.diag(probs.sum(axis=0)) - probs.T @ probs
    return d_probs @ jacobian
