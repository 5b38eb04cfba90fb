# expect: fail
# diagnosis: likely mistake: du/dx lost the 3 of the power rule
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715

def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))

def gelu_grad(x):
    # derivative of u taken as C * (1 + K * x**2): forgot the factor 3 from x**3
    u = C * (x + K * x ** 3)
    t = np.tanh(u)
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t ** 2) * C * (1.0 + K * x ** 2)
