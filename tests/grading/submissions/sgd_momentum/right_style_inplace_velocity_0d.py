# expect: pass
# Velocities updated in place (v *= momentum; v += g) in a list built on the first call; the step
# is written with np.copyto, which is happy with 0-d arrays.
import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(p, dtype=np.float64) for p in params]
        for p, g, v in zip(params, grads, self.velocities):
            v *= self.momentum
            v += g
            np.copyto(p, p - self.lr * v)
