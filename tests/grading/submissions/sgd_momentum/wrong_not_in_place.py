# expect: fail
# diagnosis: params[0] was replaced by a new array
# diagnosis: p -= lr * v
import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for i in range(len(params)):
            self.velocities[i] = self.momentum * self.velocities[i] + grads[i]
            params[i] = params[i] - self.lr * self.velocities[i]
