# expect: pass
# Inference folds everything into one scale and one shift per feature (as deployed models do);
# training rescales the biased variance by N / (N - 1) for the running estimate.
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.momentum = momentum
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def _stats(self, x):
        n = x.shape[0]
        mean = x.sum(axis=0) / n
        biased = ((x - mean) ** 2).sum(axis=0) / n
        return mean, biased, biased * n / (n - 1)

    def forward(self, x, train=True):
        if train:
            mean, biased, unbiased = self._stats(x)
            a = self.momentum
            self.running_mean = self.running_mean + a * (mean - self.running_mean)
            self.running_var = self.running_var + a * (unbiased - self.running_var)
            return (x - mean) / np.sqrt(biased + self.eps) * self.gamma + self.beta
        scale = self.gamma / np.sqrt(self.running_var + self.eps)
        shift = self.beta - self.running_mean * scale
        return x * scale + shift
