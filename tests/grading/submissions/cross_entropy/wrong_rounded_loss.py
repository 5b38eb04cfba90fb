# expect: fail
# diagnosis: likely mistake: the values look rounded to 4 decimals
# The loss is rounded for a tidy printout, which throws away the digits the loss is checked on.
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    n = probs.shape[0]
    loss = -np.sum(y_onehot * np.log(probs + 1e-8)) / n
    return round(float(loss), 4)
