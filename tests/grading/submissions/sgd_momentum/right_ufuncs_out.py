# expect: pass
import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = {}

    def step(self, params, grads):
        for i in range(len(params)):
            v = self.velocities.setdefault(i, np.zeros(np.shape(params[i])))
            np.multiply(v, self.momentum, out=v)
            np.add(v, grads[i], out=v)
            np.subtract(params[i], self.lr * v, out=params[i])
