# expect: pass
# Moments as float64 copies updated with *= and +=, bias corrections as plain Python floats, and the
# parameter written back through p[...] so 0-d parameters work too.
import math

import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = None
        self.v = None
        self.t = 0

    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros(np.shape(p)) for p in params]
            self.v = [np.zeros(np.shape(p)) for p in params]
        self.t += 1
        correct1 = 1.0 - math.pow(self.beta1, self.t)
        correct2 = 1.0 - math.pow(self.beta2, self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * np.square(g)
            p[...] = p - self.lr * (m / correct1) / (np.sqrt(v / correct2) + self.eps)
