"""SGD with momentum.

Plain SGD steps straight down the current gradient: p -= lr * g. Momentum keeps a running
"velocity" per parameter that accumulates past gradients, so steps grow along directions where the
gradient keeps pointing the same way and cancel out where it zig-zags:

    v = momentum * v + g        (v starts at zeros, one v per parameter array)
    p = p - lr * v

With a constant gradient g the velocity approaches g / (1 - momentum): momentum=0.9 ends up taking
steps ten times larger than plain SGD. momentum=0 is exactly plain SGD.

Implement `SGDMomentum.step(params, grads)`:
- params: a list of float64 numpy arrays (any shapes, including 0-d arrays of shape ())
- grads: a list of arrays with the same shapes, grads[i] being the gradient for params[i]
- update every params[i] IN PLACE and return nothing; leave grads unchanged.
- keep one velocity per parameter, matched by position in the list, created as zeros on the first
  call and carried over from one step() to the next.

The trap: a model keeps its own references to its weight arrays, so `params[i] = params[i] - ...`
(a new array in the list) or `p = p - ...` inside a loop (a new local name) leaves the model's weights
where they were. Change the arrays themselves: `p -= ...` or `p[...] = ...` (`p[:]` fails on 0-d arrays).
"""

import numpy as np  # noqa: F401 - you will want it


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None  # one array per parameter, created on the first step()

    def step(self, params, grads):
        """v = momentum * v + g; p -= lr * v, for every (p, g), updating each p in place."""
        raise NotImplementedError
