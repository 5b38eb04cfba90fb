# expect: fail
# note: the Adam paper's "more efficient" ordering: right for eps -> 0, but it scales eps by 1 / sqrt(1 - beta2**t);
# note: the exercise fixes eps after sqrt(v_hat) (PyTorch), so only the eps check tells them apart, and names it
# diagnosis: eps=0.001 and small gradients is wrong
# diagnosis: likely mistake: the bias correction was folded into the step size
import math

import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m = self.v = None
        self.t = 0

    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        alpha = self.lr * math.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
        for i, (p, g) in enumerate(zip(params, grads, strict=False)):
            self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g**2
            p -= alpha * self.m[i] / (np.sqrt(self.v[i]) + self.eps)
