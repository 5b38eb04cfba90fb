"""Reference: SGD with momentum."""

import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            self.velocities[i] = self.momentum * self.velocities[i] + g
            p -= self.lr * self.velocities[i]
