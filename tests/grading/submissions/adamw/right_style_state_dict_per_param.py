# expect: pass
# explicit m_hat / v_hat, state in a dict keyed by position with its own step count; decay folded into one update
import numpy as np


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weight_decay = weight_decay
        self.state = {}

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            st = self.state.get(i)
            if st is None:
                st = {"t": 0, "m": np.zeros(p.shape), "v": np.zeros(p.shape)}
                self.state[i] = st
            st["t"] += 1
            t = st["t"]
            st["m"] = self.beta1 * st["m"] + (1 - self.beta1) * g
            st["v"] = self.beta2 * st["v"] + (1 - self.beta2) * g ** 2
            m_hat = st["m"] / (1 - self.beta1 ** t)
            v_hat = st["v"] / (1 - self.beta2 ** t)
            update = self.lr * m_hat / (np.sqrt(v_hat) + self.eps) + self.lr * self.weight_decay * p
            p -= update

class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = None

    def step(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v, strict=True):
            v[...] = self.alpha * v + (1 - self.alpha) * g * g
            p[...] = p - self.lr * g / (np.sqrt(v) + self.eps)
