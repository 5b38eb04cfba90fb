# expect: pass
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    per_example = -np.sum(y_onehot * np.log(np.clip(probs, 1e-8, 1.0)), axis=1)
    return float(np.mean(per_example))
