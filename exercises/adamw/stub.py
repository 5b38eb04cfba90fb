"""AdamW and RMSProp.

Two optimizers that, like torch.optim.AdamW and torch.optim.RMSprop (without momentum, not
centred), update a list of parameter arrays in place from their gradients.

AdamW(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2) is Adam with DECOUPLED weight
decay. Call t = 1, 2, ... the number of calls to step() so far (one count for the whole optimizer).
On step t, for every parameter θ with gradient g:

    1. decay:  θ shrinks by lr·weight_decay·θ, using θ as it was at the start of this step.
    2. Adam:   m_t = β1·m_{t-1} + (1 − β1)·g,     v_t = β2·v_{t-1} + (1 − β2)·g²,   m_0 = v_0 = 0
               m̂ = m_t / (1 − β1^t),             v̂ = v_t / (1 − β2^t)
               θ moves by −lr · m̂ / (√v̂ + ε)

The decay acts on the parameter only: it never enters m or v (that would be Adam with an L2 penalty,
a different optimizer). eps is added AFTER the square root, as in PyTorch. With weight_decay=0,
AdamW is exactly Adam; with all gradients 0, it only decays: θ_t = θ_0·(1 − lr·weight_decay)^t.

RMSProp(lr=1e-2, alpha=0.99, eps=1e-8) keeps one running average of the squared gradient per
parameter, starting at 0 (no bias correction):

    s_t = alpha·s_{t-1} + (1 − alpha)·g²,   s_0 = 0
    θ moves by −lr · g / (√s_t + ε)            (eps after the square root, as in PyTorch)

Implement `AdamW.step(params, grads)` and `RMSProp.step(params, grads)`:
- params: a list of float64 numpy arrays (any shapes, including 0-d arrays of shape ()); every call
  receives the same list holding the same array objects in the same order.
- grads: a list of float64 arrays of the same shapes, grads[i] the gradient of params[i].
- update every params[i] IN PLACE (the model holds its own references to these arrays) and return
  nothing; leave grads unchanged.
- keep the state per parameter (matched by position), created on the first call, and per instance:
  two optimizers never share state.
"""

import numpy as np


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weight_decay = weight_decay

    def step(self, params, grads):
        """One AdamW update of every params[i], in place."""
        raise NotImplementedError


class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps

    def step(self, params, grads):
        """One RMSProp update of every params[i], in place."""
        raise NotImplementedError


if __name__ == "__main__":
    weights = [np.ones((3, 4)), np.zeros(4), np.array(2.0)]
    for opt in (AdamW(lr=0.1), RMSProp(lr=0.1)):
        held = [w.copy() for w in weights]
        for _ in range(3):
            opt.step(held, [np.full(w.shape, 0.5) for w in held])
        print(type(opt).__name__, [(w.shape, w.dtype) for w in held], float(held[0][0, 0]))
