# expect: error
# diagnosis: is already below it) is wrong
# diagnosis: likely mistake: gradients whose norm was below max_norm were scaled up
# (it also divides by the zero norm of all-zero gradients: the grade is an error)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
    for g in grads:
        g *= max_norm / total_norm
    return total_norm
