# expect: pass
# v = momentum * v + lr * g; p -= v is the same update with lr folded into the velocity (lr is constant here).
import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.velocities, strict=False):
            v *= self.momentum
            v += self.lr * g
            p -= v
