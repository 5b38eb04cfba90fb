# expect: fail
# diagnosis: gelu_grad(x) for |x| up to 1e4 raised a warning: RuntimeWarning: overflow encountered in cosh
# diagnosis: 1 / cosh(u)**2 or exp(2u) warns
# Right values everywhere, but cosh(3.6e11) is inf: 1 / inf**2 = 0 is correct only by luck, with a warning.
import numpy as np

C = np.sqrt(2.0 / np.pi)


def gelu_grad(x):
    u = C * (x + 0.044715 * x**3)
    return 0.5 * (1.0 + np.tanh(u)) + 0.5 * x * C * (1.0 + 0.134145 * x**2) / np.cosh(u) ** 2
