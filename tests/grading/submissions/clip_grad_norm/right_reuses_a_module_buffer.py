# expect: pass
# One flat buffer for the squared entries, kept at module level and grown when a call needs more room,
# so a training loop does not allocate it again at every step. Every call uses only its first `size`
# entries: what an earlier call left in the rest does not matter.
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
    total_norm = float(np.sqrt(_buffer[:size].sum()))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / total_norm
    return total_norm
