# expect: pass
# CS231n's form: the velocity already carries -lr (v = momentum * v - lr * g; p += v). With a
# constant lr it is -lr times the contract's velocity, so every parameter moves exactly the same.
import numpy as np


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for v, p, g in zip(self.velocities, params, grads):
            v *= self.momentum
            v -= self.lr * g
            p += v
