# expect: fail
# diagnosis: running_mean changed during eval call 1 (forward(x, train=False)) of BatchNorm1d(3)
# diagnosis: likely mistake: eval mode updated the running statistics
# The update sits before the branch, so it runs in eval too (and eval then uses the moved statistics).
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.momentum = momentum
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, train=True):
        m = self.momentum
        if len(x) > 1:
            self.running_mean = (1 - m) * self.running_mean + m * x.mean(axis=0)
            self.running_var = (1 - m) * self.running_var + m * x.var(axis=0, ddof=1)
        if train:
            mean, var = x.mean(axis=0), x.var(axis=0)
        else:
            mean, var = self.running_mean, self.running_var
        return self.gamma * (x - mean) / np.sqrt(var + self.eps) + self.beta
