# expect: fail
# diagnosis: a u clipped to +-20 before cosh
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715

def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))

def gelu_grad(x):
    u = np.clip(C * (x + K * x ** 3), -20.0, 20.0)   # keep cosh finite
    sech2 = 1.0 / np.cosh(u) ** 2
    return 0.5 * (1.0 + np.tanh(u)) + 0.5 * x * sech2 * C * (1.0 + 3.0 * K * x ** 2)
