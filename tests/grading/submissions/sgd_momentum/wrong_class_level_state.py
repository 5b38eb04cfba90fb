# expect: fail
# diagnosis: the first model's params after 3 steps is wrong
# diagnosis: likely mistake: the two optimizers share their velocities
import numpy as np


class SGDMomentum:
    velocities = {}

    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads, strict=False)):
            v = self.momentum * self.velocities.get(i, np.zeros_like(p)) + g
            self.velocities[i] = v
            p -= self.lr * v
