# expect: fail
# diagnosis: likely mistake: the norms of the arrays were added up
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(sum(np.linalg.norm(g) for g in grads))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / total_norm
    return total_norm
