# expect: pass
import numpy as np


def softmax_backward(probs, d_probs):
    dot = np.einsum("...c,...c->...", probs, d_probs)
    return probs * d_probs - probs * dot[..., np.newaxis]
