# expect: fail
# diagnosis: the norm returned for [[3, 4], [12]] is wrong
# diagnosis: likely mistake: it returned the norm after clipping
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / total_norm
        total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    return total_norm
