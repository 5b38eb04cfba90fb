# expect: fail
# diagnosis: likely mistake: the bias-corrected moments were written back into m and v
import numpy as np


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr, self.beta1, self.beta2, self.eps, self.weight_decay = lr, beta1, beta2, eps, weight_decay
        self.m = self.v = None
        self.t = 0

    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            p *= 1 - self.lr * self.weight_decay
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            m /= 1 - self.beta1 ** self.t      # corrects the stored average itself
            v /= 1 - self.beta2 ** self.t
            p -= self.lr * m / (np.sqrt(v) + self.eps)

class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.sq = None

    def step(self, params, grads):
        if self.sq is None:
            self.sq = [np.zeros_like(p) for p in params]
        for p, g, s in zip(params, grads, self.sq, strict=True):
            s *= self.alpha
            s += (1 - self.alpha) * g * g
            p -= self.lr * g / (np.sqrt(s) + self.eps)
