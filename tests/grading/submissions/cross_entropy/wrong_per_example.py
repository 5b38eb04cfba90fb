# expect: fail
# diagnosis: should be one float, got an array of shape (1,)
# diagnosis: those look like the per-example losses
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    return -np.sum(y_onehot * np.log(probs + 1e-8), axis=1)
