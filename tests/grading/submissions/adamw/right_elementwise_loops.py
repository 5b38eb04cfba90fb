# expect: pass
# Every coordinate updated on its own with Python floats (np.ndindex also visits the one entry of a
# 0-d array), the state kept as lists of float64 arrays filled entry by entry.
import math

import numpy as np


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weight_decay = weight_decay
        self.m = None
        self.v = None
        self.t = 0

    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros(np.shape(p)) for p in params]
            self.v = [np.zeros(np.shape(p)) for p in params]
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            for idx in np.ndindex(p.shape):
                x, gi = float(p[idx]), float(g[idx])
                x = x - self.lr * self.weight_decay * x
                m[idx] = self.beta1 * m[idx] + (1 - self.beta1) * gi
                v[idx] = self.beta2 * v[idx] + (1 - self.beta2) * gi * gi
                m_hat = m[idx] / (1 - self.beta1**self.t)
                v_hat = v[idx] / (1 - self.beta2**self.t)
                p[idx] = x - self.lr * m_hat / (math.sqrt(v_hat) + self.eps)


class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = None

    def step(self, params, grads):
        if self.v is None:
            self.v = [np.zeros(np.shape(p)) for p in params]
        for p, g, v in zip(params, grads, self.v, strict=True):
            for idx in np.ndindex(p.shape):
                gi = float(g[idx])
                v[idx] = self.alpha * v[idx] + (1 - self.alpha) * gi * gi
                p[idx] = p[idx] - self.lr * gi / (math.sqrt(v[idx]) + self.eps)
