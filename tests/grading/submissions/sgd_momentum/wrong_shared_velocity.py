# expect: error
# note: one velocity cannot broadcast across params of different shapes, so later checks crash (status error);
# note: the first failing check is the two-params-of-one-shape case, which names the mistake
# diagnosis: the first step of params[1] (p_after - p_before) is wrong
# diagnosis: likely mistake: all parameters share one velocity
class SGDMomentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = 0.0

    def step(self, params, grads):
        for p, g in zip(params, grads, strict=False):
            self.v = self.momentum * self.v + g
            p -= self.lr * self.v
