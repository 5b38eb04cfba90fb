"""Adam, with bias correction.

Adam gives every coordinate of every parameter its own step size: it keeps, per parameter, a
running average of the gradient (a momentum) and a running average of the squared gradient (how
large that coordinate's gradients usually are), and steps along the first, scaled down by the
square root of the second, so that each coordinate moves by roughly lr whatever the scale of its
gradient.

What step() must compute is pinned down by torch.optim.Adam with its defaults (no weight decay,
no amsgrad, no maximize):

- the first and second moment estimates use the decay rates beta1 and beta2 and start at zero;
- both are bias-corrected before they are used, so early steps are not shrunk by the zero start;
- eps is added outside the square root: to the square root of the bias-corrected second moment;
- the step count t starts at 0, counts calls to step() (not parameters), is shared by every
  parameter, and is already 1 during the first update.

Implement `Adam.step(params, grads)`:
- params: a list of float64 numpy arrays of any shapes, 0-d arrays (shape ()) included
- grads: a list of arrays of the same shapes, grads[i] being the gradient for params[i]
- updates every params[i] IN PLACE (the caller's arrays change; no new arrays in the list) and
  returns nothing; grads are left unchanged.
- the moment estimates are kept per parameter, matched by position in the list, created on the
  first call and carried over from one step() to the next; two Adam objects share nothing.

A property to test yourself with: on the very first step, each coordinate moves by lr * g / (|g| +
eps) against its gradient g, i.e. by almost exactly lr.

`quizprep explain adam` shows where each piece comes from, if you want it.
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
        """One Adam update of every parameter, in place; params[i] and grads[i] have the same shape."""
        raise NotImplementedError


if __name__ == "__main__":
    params = [np.array([1.0, -2.0, 3.0]), np.array(0.5)]
    opt = Adam(lr=0.1)
    for _ in range(3):
        opt.step(params, [np.array([0.3, -40.0, 1e-3]), np.array(2.0)])
        print("t =", opt.t, [p.shape for p in params], [np.round(p, 4).tolist() for p in params])
