# expect: fail
# diagnosis: (the global norm 0.183 is already below it) is wrong
# A module-level buffer for the squared entries, grown when a call needs more room, but summed whole:
# after a call with more entries than this one, the stale squares of that call are counted again.
# A training loop whose gradients never change size hides it; the grade's calls share one process,
# as a training loop's do, and have lists of different sizes.
import numpy as np

_buffer = np.empty(0)


def clip_grad_norm(grads, max_norm):
    global _buffer
    size = sum(g.size for g in grads)
    if _buffer.size < size:
        _buffer = np.empty(size)
    start = 0
    for g in grads:
        np.square(g.ravel(), out=_buffer[start:start + g.size])
        start += g.size
    total_norm = float(np.sqrt(_buffer.sum()))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / total_norm
    return total_norm
