"""Cross-entropy loss over a batch.

A classifier outputs, for each of N examples, K probabilities (a softmax row). The label is a
one-hot row y: 1.0 at the true class, 0.0 elsewhere. The loss of one example, and of the batch:

    loss_n = -sum_k y_nk * log(p_nk)          (natural log)
    L      = (1/N) * sum_n loss_n             the MEAN over the N examples

Implement `cross_entropy_loss(probs, y_onehot)`:
- probs: float64 array (N, K), every row a probability distribution; entries may be exactly 0.0
  (an underflowed softmax, or hard 0/1 predictions)
- y_onehot: float64 array (N, K), one 1.0 per row
- returns: L as one Python float (float(...) of a numpy scalar is fine), not one value per example
- neither input may be changed.
- Zeros: a probability of exactly 0 on a wrong class must not change the loss (and must not make
  it NaN); a probability of exactly 0 on the true class must give a large but finite loss (above
  10), never inf or NaN.
- Precision: you may evaluate the log at a probability raised by a tiny eps (any eps up to 1e-7);
  on ordinary inputs the checks accept the difference that makes.
"""

import numpy as np


def cross_entropy_loss(probs, y_onehot):
    """Mean over the batch of -sum_k y * log p; one float, finite even where p == 0."""
    raise NotImplementedError


if __name__ == "__main__":
    probs = np.array([[0.7, 0.2, 0.1], [0.25, 0.15, 0.6], [0.0, 0.5, 0.5]])
    y_onehot = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    loss = cross_entropy_loss(probs, y_onehot)
    print("probs:", probs.shape, "y_onehot:", y_onehot.shape, "loss:", type(loss).__name__, loss)
