# expect: fail
# diagnosis: likely mistake: eval mode leaves eps out
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.momentum = momentum
        self.eps = eps

    def forward(self, x, train=True):
        if train:
            n = x.shape[0]
            mean, var = x.mean(axis=0), x.var(axis=0)
            xhat = (x - mean) / np.sqrt(var + self.eps)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        else:
            xhat = (x - self.running_mean) / np.sqrt(self.running_var)  # eps forgotten at inference
        return self.gamma * xhat + self.beta
