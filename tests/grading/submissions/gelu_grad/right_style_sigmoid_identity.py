# expect: pass
# 0.5 * (1 + tanh(u)) written as sigmoid(2u), with a sigmoid that exponentiates only -|z|
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715

def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))

def _sigmoid(z):
    # stable: exp of a non-positive number only
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

def gelu_grad(x):
    # 0.5 * (1 + tanh(u)) == sigmoid(2u), so gelu(x) = x * s with s = sigmoid(2u)
    u = C * (x + K * x**3)
    s = _sigmoid(2.0 * u)
    ds_dx = s * (1.0 - s) * 2.0 * C * (1.0 + 3.0 * K * x**2)
    return s + x * ds_dx
