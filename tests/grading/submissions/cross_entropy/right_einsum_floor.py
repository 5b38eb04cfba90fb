# expect: pass
import numpy as np


def cross_entropy_loss(probs, y_onehot):
    log_p = np.log(np.maximum(probs, 1e-7))
    return float(-np.einsum("nk,nk->", y_onehot, log_p) / len(probs))
