# expect: pass
# The global norm is the norm of the per-array norms: hypot(|g1|, |g2|, ...).
import math

import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = math.hypot(*(float(np.linalg.norm(g)) for g in grads))
    if total_norm <= max_norm:
        return total_norm
    for g in grads:
        g[...] = g * (max_norm / total_norm)
    return total_norm
