# expect: fail
# diagnosis: your function modified its input `x` in place
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
        if train:
            mean, var = x.mean(axis=0), x.var(axis=0)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * x.var(axis=0, ddof=1)
        else:
            mean, var = self.running_mean, self.running_var
        x -= mean
        return self.gamma * x / np.sqrt(var + self.eps) + self.beta
