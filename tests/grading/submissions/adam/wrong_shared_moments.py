# expect: error
# note: one m and v cannot broadcast across params of different shapes, so later checks crash (status error);
# note: the first failing check, two params of one shape, names the mistake
# diagnosis: the first step of params[1] (p_after - p_before, lr=0.01) is wrong
# diagnosis: likely mistake: all parameters share one m and v
import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m = 0.0
        self.v = 0.0
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        for p, g in zip(params, grads, strict=False):
            self.m = self.beta1 * self.m + (1 - self.beta1) * g
            self.v = self.beta2 * self.v + (1 - self.beta2) * g**2
            m_hat = self.m / (1 - self.beta1**self.t)
            v_hat = self.v / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
