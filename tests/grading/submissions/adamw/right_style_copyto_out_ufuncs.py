# expect: pass
# a shared base class for lazily created state; averages moved by interpolation, np.copyto / out= writes
import numpy as np


class _Opt:
    def _init_state(self, params, n):
        if getattr(self, "_state", None) is None:
            self._state = [[np.zeros_like(p, dtype=np.float64) for _ in range(n)] for p in params]
        return self._state

class AdamW(_Opt):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weight_decay = weight_decay
        self._state = None
        self._t = 0

    def step(self, params, grads):
        state = self._init_state(params, 2)
        self._t += 1
        for p, g, (m, v) in zip(params, grads, state, strict=True):
            # new value computed from the old, copied back into p
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g * g - v)
            m_hat = m / (1 - self.beta1 ** self._t)
            v_hat = v / (1 - self.beta2 ** self._t)
            new = p * (1 - self.lr * self.weight_decay) - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
            np.copyto(p, new)

class RMSProp(_Opt):
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self._state = None

    def step(self, params, grads):
        state = self._init_state(params, 1)
        for p, g, (s,) in zip(params, grads, state, strict=True):
            np.add(self.alpha * s, (1 - self.alpha) * np.square(g), out=s)
            np.subtract(p, self.lr * g / (np.sqrt(s) + self.eps), out=p)
