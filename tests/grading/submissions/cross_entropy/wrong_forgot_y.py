# expect: fail
# diagnosis: likely mistake: -log p summed over every class, not only the true one
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    return float(-np.sum(np.log(probs + 1e-8)) / len(probs))
