# expect: pass
# The mask built in float32 (exactly 0.0 and 1.0, so nothing is lost) and cast back to float64;
# np.sign also returns a numpy scalar for a 0-d x, which is fine.
import numpy as np


def relu_grad(x):
    mask = np.sign(np.maximum(x, 0.0)).astype(np.float32)
    return mask.astype(np.float64)
