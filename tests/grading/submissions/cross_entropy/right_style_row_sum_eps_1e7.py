# expect: pass
# The true class's probability picked by a row sum with y_onehot (keepdims), the largest eps the
# exercise allows added inside the log, and the mean over examples last.
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    p_true = np.sum(probs * y_onehot, axis=1, keepdims=True)
    per_example = -np.log(p_true + 1e-7)
    return float(per_example.mean())
