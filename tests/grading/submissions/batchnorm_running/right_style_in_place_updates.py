# expect: pass
# The running statistics are updated in place (*= then +=), the unbiased variance comes from
# np.var(ddof=1), and the normalisation is written with a separate standard deviation.
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
        if not train:
            std = np.sqrt(self.running_var + self.eps)
            return self.gamma * ((x - self.running_mean) / std) + self.beta
        mu = np.mean(x, axis=0)
        std = np.sqrt(np.var(x, axis=0) + self.eps)
        self.running_mean *= 1.0 - self.momentum
        self.running_mean += self.momentum * mu
        self.running_var *= 1.0 - self.momentum
        self.running_var += self.momentum * np.var(x, axis=0, ddof=1)
        return self.gamma * ((x - mu) / std) + self.beta
