# expect: pass
# PyTorch's clip_grad_norm_: divide by (norm + 1e-6) and always multiply by the clamped coefficient.
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = np.sqrt(np.sum([np.vdot(g, g) for g in grads]))
    clip_coef = max_norm / (total_norm + 1e-6)
    clip_coef_clamped = min(clip_coef, 1.0)
    for g in grads:
        g *= clip_coef_clamped
    return total_norm
