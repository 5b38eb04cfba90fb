# expect: pass
# Batch sums accumulated row by row in Python loops, the normalisation fused into one scale and shift,
# an explicit train is False test, and new arrays assigned for the running statistics.
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        d = num_features
        self.gamma, self.beta = np.ones(d, dtype=np.float64), np.zeros(d, dtype=np.float64)
        self.running_mean, self.running_var = np.zeros(d, dtype=np.float64), np.ones(d, dtype=np.float64)
        self.momentum = momentum
        self.eps = eps

    def _norm(self, x, mean, var):
        scale = self.gamma / np.sqrt(var + self.eps)
        return x * scale + (self.beta - mean * scale)

    def forward(self, x, train=True):
        if train is False:
            return self._norm(x, self.running_mean, self.running_var)
        n = len(x)
        s = np.zeros(x.shape[1])
        for row in x:
            s = s + row
        mean = s / n
        ss = np.zeros(x.shape[1])
        for row in x:
            ss = ss + (row - mean) ** 2
        out = self._norm(x, mean, ss / n)
        self.running_mean = np.add(self.momentum * mean, (1.0 - self.momentum) * self.running_mean)
        self.running_var = np.add(self.momentum * ss / (n - 1), (1.0 - self.momentum) * self.running_var)
        return out
