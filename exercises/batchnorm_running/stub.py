"""Batch norm's running statistics: one layer for training and for inference.

In training, batch norm standardises every feature (column) of x, shape (N, D), with the batch's
own statistics, then rescales with the learned gamma and beta, shape (D,):

    out = gamma * (x - mean) / sqrt(var + eps) + beta     mean, var over the batch (axis 0), per feature
                                                          var biased (divide by N); eps inside the root

At inference time there may be a single example, and a prediction must not depend on which other
examples share its batch, so the layer keeps running estimates of each feature's mean and variance,
updated at every training step, and eval uses those instead of the batch's.

Implement the class `BatchNorm1d(num_features, momentum=0.1, eps=1e-5)` with PyTorch's conventions:
- `__init__`: float64 arrays of shape (num_features,): `gamma` ones, `beta` zeros, `running_mean`
  zeros, `running_var` ones. Keep momentum and eps: the values passed in, not the defaults.
- `forward(x, train=True)` -> out, float64 of x's shape (N, D).
  - train=True (N >= 2): normalise with the batch's mean and biased variance as above, and move
    each running statistic towards its batch counterpart by an exponential moving average in which
    `momentum` is the weight of the NEW batch value (momentum = 1 would replace the running value
    by the batch's, momentum = 0 would never change it). The running mean follows the batch mean;
    the running variance follows the UNBIASED batch variance (divide by N - 1), an estimate of the
    population's variance, while the normalisation itself uses the biased one.
  - train=False (any N >= 1, a single example too): normalise with running_mean and running_var in
    place of the batch statistics, same gamma, beta and eps. Eval changes nothing on the layer.
- gamma and beta are read from the attributes at every call: whoever trains them assigns new arrays.
  Updating the running statistics in place or assigning new arrays are both fine.
Leave x unchanged.

The traps: two variances (biased to normalise, unbiased to track), which side momentum weighs
(Keras's `momentum` weighs the OLD value — here it is the new one), and eval must neither use the
batch's statistics nor update the running ones.
"""

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        """gamma ones, beta zeros, running_mean zeros, running_var ones: float64 (num_features,)."""
        raise NotImplementedError

    def forward(self, x, train=True):
        """x: (N, num_features) -> out (N, num_features); in training also updates the running statistics."""
        raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    bn = BatchNorm1d(3)
    for step in range(5):
        out = bn.forward(5.0 + 2.0 * rng.normal(size=(16, 3)))
        print(f"step {step}: out {out.shape}, running_mean {np.round(bn.running_mean, 3)}, running_var {np.round(bn.running_var, 3)}")
    print("eval on one example:", bn.forward(np.array([[5.0, 7.0, 3.0]]), train=False).shape)
