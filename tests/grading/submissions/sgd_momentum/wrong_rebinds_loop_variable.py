# expect: fail
# diagnosis: params[0] did not change after 2 calls to step()
# diagnosis: only gives the loop variable a new array
import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads, strict=False)):
            self.velocities[i] = self.momentum * self.velocities[i] + g
            p = p - self.lr * self.velocities[i]
