"""AdamW and RMSProp.

Two optimizers that update a list of parameter arrays in place from their gradients, exactly as
torch.optim.AdamW and torch.optim.RMSprop (without momentum, not centred) do.

AdamW(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2) is Adam with DECOUPLED weight
decay. Every call to step() is one step of the whole optimizer, and for every parameter:
- the decay: the parameter first shrinks by lr * weight_decay times its value at the start of the
  step. The decay acts on the parameter only and never enters the moment estimates (feeding it
  through the gradient would be Adam with an L2 penalty, a different optimizer);
- then the Adam step, from the raw gradient: the exponential moving averages of the gradient
  (decay rate beta1) and of its square (beta2), both starting at zero and bias-corrected for that
  start, and a move of lr times the corrected first moment over the square root of the corrected
  second moment plus eps — eps is added AFTER the square root, as in PyTorch.
Two facts to test yourself with: with weight_decay=0 AdamW is exactly Adam, and with all gradients
0 it only decays, p_t = p_0 * (1 - lr * weight_decay)**t.

RMSProp(lr=1e-2, alpha=0.99, eps=1e-8) keeps, per parameter, an exponential moving average of the
squared gradient in which alpha is the weight of the OLD average; it starts at zero and is not
bias-corrected. Each step moves the parameter by lr times the gradient over (the square root of
that average plus eps) — again eps after the square root.

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
