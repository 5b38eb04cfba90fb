# expect: pass
import math

import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m = {}
        self.v = {}
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        for k, (p, g) in enumerate(zip(params, grads, strict=False)):
            m = self.m.setdefault(k, np.zeros(p.shape))
            v = self.v.setdefault(k, np.zeros(p.shape))
            for idx in np.ndindex(p.shape):
                m[idx] = self.beta1 * m[idx] + (1 - self.beta1) * g[idx]
                v[idx] = self.beta2 * v[idx] + (1 - self.beta2) * g[idx] ** 2
                m_hat = m[idx] / (1 - self.beta1**self.t)
                v_hat = v[idx] / (1 - self.beta2**self.t)
                p[idx] -= self.lr * m_hat / (math.sqrt(v_hat) + self.eps)
