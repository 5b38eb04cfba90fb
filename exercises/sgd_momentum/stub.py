"""SGD with momentum.

Plain SGD moves every parameter straight down its current gradient. SGD with momentum keeps, per
parameter, a running buffer of past gradients and moves along that instead, so the steps grow
along directions where the gradient keeps pointing the same way and cancel where it zig-zags.

What step() must compute is pinned down by torch.optim.SGD(lr, momentum) with dampening 0, no
Nesterov and no weight decay:

- the momentum buffer starts at zero, so the very first step is exactly plain SGD's, -lr * g;
- each step the buffer decays by the factor momentum and takes in the FULL gradient (not a
  (1 - momentum) share of it, which would be an exponential moving average);
- the parameter then moves by -lr times the buffer that already includes this step's gradient;
- momentum = 0 is exactly plain SGD.

Implement `SGDMomentum.step(params, grads)`:
- params: a list of float64 numpy arrays of any shapes, 0-d arrays (shape ()) included
- grads: a list of arrays of the same shapes, grads[i] being the gradient for params[i]
- updates every params[i] IN PLACE and returns nothing: a model keeps its own references to its
  weight arrays, so the arrays themselves must change (a new array put into the list, or a new
  local name, is never seen by the model); grads are left unchanged.
- one buffer per parameter, matched by position in the list, created on the first call, carried
  over from one step() to the next, and kept on the instance (two optimizers share nothing).

`quizprep explain sgd_momentum` shows the reasoning behind the update, if you want it.
"""

import numpy as np  # noqa: F401 - you will want it


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None  # one array per parameter, created on the first step()

    def step(self, params, grads):
        """One update of every parameter, in place; params[i] and grads[i] have the same shape."""
        raise NotImplementedError


if __name__ == "__main__":
    params = [np.array([1.0, -1.0]), np.array(2.0)]
    opt = SGDMomentum(lr=0.1, momentum=0.9)
    for _ in range(4):
        opt.step(params, [np.array([1.0, -1.0]), np.array(1.0)])  # the same gradient every step
        print([p.shape for p in params], [np.round(p, 4).tolist() for p in params])
