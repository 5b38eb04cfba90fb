# expect: fail
# diagnosis: two Adam objects share their state
# diagnosis: a list or dict in the class body is shared by every Adam
# The moments live in dicts in the class body, keyed by the parameter's position: right for one optimizer,
# but a second Adam (another model, a GAN's other half) reads and overwrites the first one's moments.
import numpy as np


class Adam:
    m = {}
    v = {}

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            self.m[i] = self.beta1 * self.m.get(i, 0.0) + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v.get(i, 0.0) + (1 - self.beta2) * g * g
            m_hat = self.m[i] / (1 - self.beta1 ** self.t)
            v_hat = self.v[i] / (1 - self.beta2 ** self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
