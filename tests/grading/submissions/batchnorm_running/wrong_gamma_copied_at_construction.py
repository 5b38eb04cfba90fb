# expect: fail
# diagnosis: likely mistake: gamma and beta are not applied (or were copied at construction)
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.momentum = momentum
        self.eps = eps
        self.params = {"gamma": self.gamma, "beta": self.beta}  # stale once gamma is reassigned

    def forward(self, x, train=True):
        if train:
            n = x.shape[0]
            mean, var = x.mean(axis=0), x.var(axis=0)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        else:
            mean, var = self.running_mean, self.running_var
        return self.params["gamma"] * (x - mean) / np.sqrt(var + self.eps) + self.params["beta"]
