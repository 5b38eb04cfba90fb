# expect: fail
# diagnosis: likely mistake: the second term of the product rule lost its 0.5
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715

def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))

def gelu_grad(x):
    # dropped the 0.5 on the second term of the product rule
    u = C * (x + K * x ** 3)
    t = np.tanh(u)
    return 0.5 * (1.0 + t) + x * (1.0 - t ** 2) * C * (1.0 + 3.0 * K * x ** 2)
