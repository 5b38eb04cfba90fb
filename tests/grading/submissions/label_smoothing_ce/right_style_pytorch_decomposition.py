# expect: pass
# The loss split the way PyTorch computes it: (1 - s) times the usual negative log-likelihood plus
# s times the mean over classes of -log p; the log-softmax from a max-shifted log-sum-exp.
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    num_classes = logits.shape[-1]
    m = np.max(logits, axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True))
    nll = -np.take_along_axis(log_probs, targets[:, None], axis=-1).squeeze(-1)
    smooth = -log_probs.mean(axis=-1)
    loss = ((1.0 - smoothing) * nll + smoothing * smooth).mean()
    grad = np.exp(log_probs) - smoothing / num_classes
    grad[np.arange(len(targets)), targets] -= 1.0 - smoothing
    return loss, grad / len(targets)
