"""Cross-entropy with label smoothing: loss and gradient from logits.

Label smoothing trains a classifier against a softened target instead of a one-hot one, so it is
never pushed to make the true class's probability exactly 1. For N examples, C classes and a
smoothing amount s in [0, 1), the target distribution of example n is

    q_n = (1 - s) * onehot(targets[n]) + s / C       (C entries, summing to 1)

so every class, the true one included, gets s / C, and the true class also gets 1 - s. (This is
PyTorch's `CrossEntropyLoss(label_smoothing=s)`.) With p_n = softmax(logits[n]), the loss is the
MEAN over the batch of the cross-entropy between q_n and p_n:

    loss = (1/N) * sum_n  -sum_c q_nc * log p_nc

With s = 0 this is the ordinary softmax cross-entropy.

Implement `label_smoothing_cross_entropy(logits, targets, smoothing=0.0)`:
- logits: float64 (N, C), C >= 2; targets: integer array (N,), each in 0..C-1; N may be 1.
- returns (loss, dlogits): loss a Python float (a 0-d float64 array or numpy scalar is fine too);
  dlogits = d loss / d logits, a float64 array of shape (N, C).
- neither input may be changed.

Requirement: exact, to float64 precision, for logits up to 1e4 in magnitude, with no overflow,
divide-by-zero or invalid-value warning. There a probability can round to exactly 0 while smoothing
still gives its class a weight s / C, and its true -log p is about 2e4: neither inf nor the
-log(eps) = 16 of a log(p + eps).
"""

import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    """Mean cross-entropy of softmax(logits) against the smoothed targets, and its gradient (N, C)."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(4, 5))
    targets = np.array([0, 3, 1, 4])
    loss, dlogits = label_smoothing_cross_entropy(logits, targets, smoothing=0.1)
    print("loss:", loss, "dlogits shape:", dlogits.shape)
