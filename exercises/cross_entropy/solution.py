"""Reference: the mean cross-entropy of a batch, with probabilities floored at a tiny eps."""

import numpy as np

EPS = 1e-12


def cross_entropy_loss(probs, y_onehot):
    n = probs.shape[0]
    return float(-np.sum(y_onehot * np.log(np.clip(probs, EPS, 1.0))) / n)
