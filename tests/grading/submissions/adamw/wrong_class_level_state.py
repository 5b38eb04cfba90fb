# expect: fail
# diagnosis: AdamW.step raised ValueError
# diagnosis: a class attribute (state = {} in the class body) is shared by all instances
import numpy as np


class AdamW:
    m = []
    v = []
    t = 0

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr, self.beta1, self.beta2, self.eps, self.weight_decay = lr, beta1, beta2, eps, weight_decay

    def step(self, params, grads):
        if not self.m:
            for p in params:
                self.m.append(np.zeros_like(p))
                self.v.append(np.zeros_like(p))
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            p -= self.lr * self.weight_decay * p
            self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g**2
            p -= self.lr * (self.m[i] / (1 - self.beta1**self.t)) / (np.sqrt(self.v[i] / (1 - self.beta2**self.t)) + self.eps)


class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = None

    def step(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            self.v[i] = self.alpha * self.v[i] + (1 - self.alpha) * g**2
            p -= self.lr * g / (np.sqrt(self.v[i]) + self.eps)
