# expect: pass
import numpy as np

# Moments kept in a module-level dict keyed by id(self). Works for the optimizers alive together; each
# check's optimizer starts from an empty dict (as in a process of its own), so an optimizer of an
# earlier check that was collected, whose id a new one reuses, never hands its moments to that one.
_state = {}


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps

    def step(self, params, grads):
        s = _state.setdefault(id(self), {"t": 0, "m": [np.zeros_like(p) for p in params], "v": [np.zeros_like(p) for p in params]})
        s["t"] += 1
        t = s["t"]
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            s["m"][i] = self.beta1 * s["m"][i] + (1 - self.beta1) * g
            s["v"][i] = self.beta2 * s["v"][i] + (1 - self.beta2) * g * g
            p -= self.lr * (s["m"][i] / (1 - self.beta1**t)) / (np.sqrt(s["v"][i] / (1 - self.beta2**t)) + self.eps)
