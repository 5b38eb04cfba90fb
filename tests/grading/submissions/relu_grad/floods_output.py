# expect: pass
import numpy as np


def relu_grad(x):
    for _ in range(200_000):
        print("debugging relu_grad, one more line of noise")
    return (x > 0).astype(np.float64)
