# expect: fail
# diagnosis: the first model's params after 3 steps is wrong
# diagnosis: likely mistake: the two optimizers share their velocities

# Velocities in a module-level dict keyed by position: every optimizer shares them. Each check's optimizer
# starts from an empty dict (as in a process of its own), so only the check with two optimizers at once
# sees the sharing, and names it.
_velocities = {}


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def step(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            _velocities[i] = self.momentum * _velocities.get(i, 0.0) + g
            p -= self.lr * _velocities[i]
