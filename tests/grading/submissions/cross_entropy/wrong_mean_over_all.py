# expect: fail
# diagnosis: likely mistake: averaged over all N*K entries
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    return float(-np.mean(y_onehot * np.log(probs + 1e-8)))
