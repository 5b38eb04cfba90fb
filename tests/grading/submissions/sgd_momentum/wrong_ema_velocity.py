# expect: fail
# diagnosis: the first step of params[0] (p_after - p_before) is wrong
# diagnosis: likely mistake: the gradient was scaled by (1 - momentum)
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
            self.velocities[i] = self.momentum * self.velocities[i] + (1 - self.momentum) * g
            p -= self.lr * self.velocities[i]
