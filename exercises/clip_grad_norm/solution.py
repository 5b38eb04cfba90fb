"""Reference: clipping gradients by their global norm."""

import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / total_norm
    return total_norm
