# expect: fail
# diagnosis: likely mistake: the values were clipped one by one (np.clip)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    for g in grads:
        np.clip(g, -max_norm, max_norm, out=g)
    return total_norm
