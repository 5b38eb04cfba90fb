# expect: pass
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = np.linalg.norm(np.concatenate([g.ravel() for g in grads]))
    if total_norm > max_norm:
        scale = max_norm / total_norm
        for g in grads:
            np.multiply(g, scale, out=g)
    return float(total_norm)
