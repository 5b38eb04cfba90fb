# expect: pass
# sech^2 as 4a / (1 + a)^2 with a = exp(-2|u|), np.power and np.square
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715

def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))

def gelu_grad(x):
    u = np.sqrt(2.0 / np.pi) * (x + 0.044715 * np.power(x, 3))
    a = np.exp(-2.0 * np.abs(u))          # in (0, 1]
    sech2 = 4.0 * a / (1.0 + a) ** 2      # 1 / cosh(u)**2 without overflow
    inner = np.sqrt(2.0 / np.pi) * (1.0 + 3 * 0.044715 * np.square(x))
    half_x = np.multiply(0.5, x)
    return half_x * sech2 * inner + 0.5 * (1.0 + np.tanh(u))
