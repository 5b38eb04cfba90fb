# expect: fail
# diagnosis: params after each of 12 steps with a constant gradient (axis 0 is the step) is wrong
# diagnosis: likely mistake: the velocity does not carry over between steps


class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = None

    def step(self, params, grads):
        for p, g in zip(params, grads, strict=False):
            p -= self.lr * g
