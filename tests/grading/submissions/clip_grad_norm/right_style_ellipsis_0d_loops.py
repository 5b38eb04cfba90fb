# expect: pass
# Element by element through g.flat (0-d and empty arrays included), written back through g[...].
import math


def clip_grad_norm(grads, max_norm):
    import numpy as np

    squared = 0.0
    for g in grads:
        for value in g.flat:
            squared += float(value) ** 2
    norm = math.sqrt(squared)
    if norm > max_norm:
        ratio = max_norm / norm
        for g in grads:
            g[...] = g * ratio
    return norm
