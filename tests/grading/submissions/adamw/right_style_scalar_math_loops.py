# expect: pass
# one scalar at a time with math.sqrt over np.ndindex, 0-d parameters included
import math

import numpy as np


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr, self.beta1, self.beta2, self.eps, self.weight_decay = lr, beta1, beta2, eps, weight_decay
        self.t = 0
        self.m = []
        self.v = []

    def step(self, params, grads):
        if self.t == 0:
            self.m = [np.zeros(p.shape) for p in params]
            self.v = [np.zeros(p.shape) for p in params]
        self.t += 1
        c1 = 1.0 - self.beta1 ** self.t
        c2 = 1.0 - self.beta2 ** self.t
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            for k in np.ndindex(p.shape):
                gk = float(g[k])
                m[k] = self.beta1 * m[k] + (1.0 - self.beta1) * gk
                v[k] = self.beta2 * v[k] + (1.0 - self.beta2) * gk * gk
                start = float(p[k])
                decayed = start - self.lr * self.weight_decay * start
                p[k] = decayed - self.lr * (m[k] / c1) / (math.sqrt(v[k] / c2) + self.eps)

class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.sq = {}

    def step(self, params, grads):
        for i in range(len(params)):
            p, g = params[i], grads[i]
            if i not in self.sq:
                self.sq[i] = np.zeros(p.shape)
            s = self.sq[i]
            for k in np.ndindex(p.shape):
                s[k] = self.alpha * s[k] + (1 - self.alpha) * g[k] ** 2
                p[k] -= self.lr * g[k] / (math.sqrt(s[k]) + self.eps)
