# expect: fail
# diagnosis: cross_entropy_loss(probs, y_onehot) is wrong
# diagnosis: likely mistake: off by a factor of the batch size (2)
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    return float(-np.sum(y_onehot * np.log(probs + 1e-8)))
