# expect: fail
# diagnosis: raised a warning: RuntimeWarning: overflow
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715

def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))

def gelu_grad(x):
    # sigmoid(2u) identity with a np.where that still evaluates exp on both branches
    u = C * (x + K * x ** 3)
    z = 2.0 * u
    s = np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
    return s + x * s * (1.0 - s) * 2.0 * C * (1.0 + 3.0 * K * x ** 2)
