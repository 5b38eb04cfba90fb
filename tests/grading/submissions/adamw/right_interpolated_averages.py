# expect: pass
# Moving averages written as interpolations (avg += (1 - beta) * (x - avg), the same number as
# beta * avg + (1 - beta) * x), the decay and the step combined into one write through p[...].
import numpy as np


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr, self.betas, self.eps, self.wd = lr, (beta1, beta2), eps, weight_decay
        self.moments = None
        self.t = 0

    def step(self, params, grads):
        b1, b2 = self.betas
        if self.moments is None:
            self.moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
        self.t += 1
        for p, g, mv in zip(params, grads, self.moments, strict=True):
            mv[0] = mv[0] + (1 - b1) * (g - mv[0])
            mv[1] = mv[1] + (1 - b2) * (g**2 - mv[1])
            update = (mv[0] / (1 - b1**self.t)) / (np.sqrt(mv[1] / (1 - b2**self.t)) + self.eps)
            p[...] = p * (1 - self.lr * self.wd) - self.lr * update


class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.cache = None

    def step(self, params, grads):
        if self.cache is None:
            self.cache = [np.zeros_like(p) for p in params]
        for i, g in enumerate(grads):
            self.cache[i] += (1 - self.alpha) * (g * g - self.cache[i])
            params[i] -= self.lr * g / (np.sqrt(self.cache[i]) + self.eps)
