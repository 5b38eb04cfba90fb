# expect: fail
# diagnosis: grads[0] was not changed although the global norm 13 is above max_norm 1
# diagnosis: write g *= scale
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    if total_norm > max_norm:
        grads = [g * (max_norm / total_norm) for g in grads]
    return total_norm
