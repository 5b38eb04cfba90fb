# expect: fail
# diagnosis: likely mistake: the velocity does not carry over between steps
import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def step(self, params, grads):
        velocities = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, velocities, strict=False):
            v = self.momentum * v + g
            p -= self.lr * v
