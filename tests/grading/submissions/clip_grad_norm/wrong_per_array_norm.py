# expect: fail
# diagnosis: grads[0] after clip_grad_norm([[3, 4], [12]], max_norm=1) is wrong
# diagnosis: likely mistake: each array was clipped by its own norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    for g in grads:
        norm = np.linalg.norm(g)
        if norm > max_norm:
            g *= max_norm / norm
    return total_norm
