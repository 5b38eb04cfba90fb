# expect: fail
# diagnosis: running_mean changed during eval call 1 (forward(x, train=False)) of BatchNorm1d(3)
# diagnosis: likely mistake: eval mode updated the running statistics
# Eval's output is right, but the statistics are moved afterwards whatever the mode.
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
        mean, var = x.mean(axis=0), x.var(axis=0)
        if train:
            out = self.gamma * (x - mean) / np.sqrt(var + self.eps) + self.beta
        else:
            out = self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        if len(x) > 1:
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * x.var(axis=0, ddof=1)
        return out
