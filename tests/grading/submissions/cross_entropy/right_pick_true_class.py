# expect: pass
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    # only the true class's term survives the one-hot mask, so pick it out directly
    n = probs.shape[0]
    labels = y_onehot.argmax(axis=1)
    return -np.log(probs[np.arange(n), labels] + 1e-8).mean()
