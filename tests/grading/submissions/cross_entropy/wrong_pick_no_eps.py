# expect: fail
# diagnosis: with probability 0 on the true class is inf, expected a large but finite number
# diagnosis: likely mistake: no eps inside the log
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    n = probs.shape[0]
    return float(-np.log(probs[np.arange(n), y_onehot.argmax(axis=1)]).mean())
