# expect: pass
# keepdims batch statistics, np.var(ddof=1) for the tracked variance, running statistics moved in place
# with -= and +=, and one normalisation line shared by train and eval.
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.num_features = num_features
        self.momentum, self.eps = float(momentum), float(eps)
        self.gamma = np.full(num_features, 1.0)
        self.beta = np.full(num_features, 0.0)
        self.running_mean = np.full(num_features, 0.0)
        self.running_var = np.full(num_features, 1.0)

    def forward(self, x, train=True):
        if not train:
            mu, var = self.running_mean, self.running_var
        else:
            mu = np.mean(x, axis=0, keepdims=True)
            var = np.var(x, axis=0, keepdims=True)
            unbiased = np.var(x, axis=0, ddof=1)
            self.running_mean -= self.momentum * (self.running_mean - mu[0])
            self.running_var += self.momentum * (unbiased - self.running_var)
        std = np.sqrt(var + self.eps)
        return (x - mu) / std * self.gamma + self.beta
