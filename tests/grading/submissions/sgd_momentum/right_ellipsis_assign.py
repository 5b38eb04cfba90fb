# expect: pass


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [0.0 * p for p in params]
        new_v = [self.momentum * v + g for v, g in zip(self.velocities, grads, strict=False)]
        for p, v in zip(params, new_v, strict=False):
            p[...] = p - self.lr * v
        self.velocities = new_v
