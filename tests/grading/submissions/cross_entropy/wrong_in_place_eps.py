# expect: fail
# diagnosis: modified its input `probs` in place
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    p = probs                      # not a copy: p and probs are the same array
    p[p < 1e-12] = 1e-12
    return float(-np.sum(y_onehot * np.log(p)) / len(p))
