# expect: fail
# diagnosis: likely mistake: the running statistics are a plain average of every batch
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.momentum = momentum
        self.eps = eps
        self.steps = 0

    def forward(self, x, train=True):
        if train:
            n = x.shape[0]
            mean, var = x.mean(axis=0), x.var(axis=0)
            self.steps += 1
            m = 1.0 / self.steps  # a true running average of every batch seen
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mean, var = self.running_mean, self.running_var
        return self.gamma * (x - mean) / np.sqrt(var + self.eps) + self.beta
