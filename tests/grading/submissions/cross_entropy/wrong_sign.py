# expect: fail
# diagnosis: likely mistake: the sign is flipped
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    return float(np.sum(y_onehot * np.log(probs + 1e-8)) / len(probs))
