# expect: fail
# gamma aliases running_var and beta aliases running_mean, so the in-place update rewrites them.
# diagnosis: training step 2
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.gamma = self.running_var = np.ones(num_features)
        self.beta = self.running_mean = np.zeros(num_features)
        self.momentum = momentum
        self.eps = eps

    def forward(self, x, train=True):
        if train:
            n = x.shape[0]
            mean, var = x.mean(axis=0), x.var(axis=0)
            out = self.gamma * (x - mean) / np.sqrt(var + self.eps) + self.beta
            self.running_mean *= 1 - self.momentum
            self.running_mean += self.momentum * mean
            self.running_var *= 1 - self.momentum
            self.running_var += self.momentum * var * n / (n - 1)
            return out
        return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
