# expect: pass
# PyTorch's own arrangement: the decay as a multiplication, the bias corrections split between the
# step size (1 / (1 - beta1**t)) and the denominator (sqrt(v) / sqrt(1 - beta2**t) + eps), and state
# updated with in-place ufuncs. RMSProp keeps its averages in a dict keyed by position.
import math

import numpy as np


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr, self.beta1, self.beta2, self.eps, self.weight_decay = lr, beta1, beta2, eps, weight_decay
        self.state = []
        self.step_count = 0

    def step(self, params, grads):
        if not self.state:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        self.step_count += 1
        bias1 = 1 - self.beta1**self.step_count
        bias2 = 1 - self.beta2**self.step_count
        for p, g, (exp_avg, exp_avg_sq) in zip(params, grads, self.state, strict=True):
            p *= 1 - self.lr * self.weight_decay
            exp_avg *= self.beta1
            exp_avg += (1 - self.beta1) * g
            exp_avg_sq *= self.beta2
            exp_avg_sq += (1 - self.beta2) * g * g
            denom = np.sqrt(exp_avg_sq) / math.sqrt(bias2) + self.eps
            p -= (self.lr / bias1) * exp_avg / denom


class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.square_avg = {}

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            avg = self.square_avg.setdefault(i, np.zeros_like(p))
            np.multiply(avg, self.alpha, out=avg)
            avg += (1 - self.alpha) * np.square(g)
            p -= self.lr * g / (np.sqrt(avg) + self.eps)
