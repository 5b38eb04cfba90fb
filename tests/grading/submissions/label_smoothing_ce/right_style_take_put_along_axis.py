# expect: pass
# a loss object: take_along_axis for the NLL, put_along_axis for q, (1 - s) NLL + s * mean(-log p)
import numpy as np


class SmoothedCE:
    def __init__(self, smoothing):
        self.eps = smoothing

    def __call__(self, logits, targets):
        N, C = logits.shape
        z = logits - logits.max(axis=1, keepdims=True)
        lse = np.log(np.exp(z).sum(axis=1, keepdims=True))
        logp = z - lse
        # smoothed part: mean over classes of -log p; true-class part: nll
        nll = -np.take_along_axis(logp, targets[:, None].astype(np.intp), axis=1)[:, 0]
        smooth = -logp.mean(axis=1)
        loss = ((1.0 - self.eps) * nll + self.eps * smooth).mean()
        q = np.full_like(logits, self.eps / C)
        np.put_along_axis(q, targets[:, None].astype(np.intp), 1.0 - self.eps + self.eps / C, axis=1)
        grad = (np.exp(logp) - q) / N
        return loss, grad

def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    return SmoothedCE(smoothing)(logits, targets)
