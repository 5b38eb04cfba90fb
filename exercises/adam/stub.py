"""Adam, with bias correction.

Adam keeps two running averages per parameter: m, of the gradient (a momentum), and v, of the
squared gradient (how large that coordinate's gradients usually are). Each coordinate then steps by
about lr, whatever the scale of its gradient:

    t = t + 1                                  (once per call to step(), shared by all parameters)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat = m / (1 - beta1**t)                 (bias correction: m and v start at 0, so early
    v_hat = v / (1 - beta2**t)                  averages are too small; this undoes that)
    p = p - lr * m_hat / (sqrt(v_hat) + eps)

On the very first step m_hat = g and v_hat = g**2, so every coordinate moves by lr * g / (|g| + eps),
i.e. by almost exactly lr against the sign of its gradient.

Implement `Adam.step(params, grads)`:
- params: a list of float64 numpy arrays (any shapes, including 0-d arrays of shape ())
- grads: a list of arrays with the same shapes, grads[i] being the gradient for params[i]
- update every params[i] IN PLACE (p -= ..., not params[i] = ...) and return nothing; leave grads unchanged.
- keep m and v per parameter (zeros, created on the first call) and one step count t.

The traps: t counts calls to step(), not parameters, so increment it once, before the loop; and eps
is added after the square root, to sqrt(v_hat) (PyTorch's convention), not inside it.
"""

import numpy as np  # noqa: F401 - you will want it


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = None  # one array per parameter, created on the first step()
        self.v = None
        self.t = 0

    def step(self, params, grads):
        """One Adam update of every parameter, in place."""
        raise NotImplementedError
