# expect: fail
# diagnosis: step() modified grads[0] passed at step 1
# diagnosis: start from np.zeros_like(p)
class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = list(grads)  # v = momentum * 0 + g = g on the first step
        else:
            for v, g in zip(self.velocities, grads, strict=False):
                v *= self.momentum
                v += g
        for p, v in zip(params, self.velocities, strict=False):
            p -= self.lr * v
