# expect: pass
# clip(sign(x), 0, 1) as the positive indicator: sign(0) = 0 gives alpha at the kink
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)

def leaky_relu_grad(x, alpha=0.01):
    # sign-based: 0 at x=0 -> alpha
    s = np.clip(np.sign(x), 0.0, 1.0)
    return alpha + (1.0 - alpha) * s
