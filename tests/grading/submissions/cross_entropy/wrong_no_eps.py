# expect: fail
# diagnosis: is nan
# diagnosis: 0 * -inf = nan
# diagnosis: likely mistake: no eps inside the log
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    return float(-np.sum(y_onehot * np.log(probs)) / probs.shape[0])
