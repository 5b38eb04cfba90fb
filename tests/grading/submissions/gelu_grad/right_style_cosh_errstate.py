# expect: pass
# 1 / cosh(u)**2 with the overflow silenced by np.errstate: 1 / inf is the right 0, and no warning escapes
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715

def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))

def gelu_grad(x):
    u = C * (x + K * x ** 3)
    with np.errstate(over="ignore"):
        sech2 = 1.0 / np.cosh(u) ** 2   # cosh overflows to inf for |u| > ~710: 1/inf is the right 0
    return 0.5 * (1.0 + np.tanh(u)) + 0.5 * x * sech2 * C * (1.0 + 3.0 * K * x ** 2)
