# expect: pass
import numpy as np


def softmax(z):
    # log softmax = z - logsumexp(z), with the max pulled out of the log so exp never overflows
    m = np.max(z, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.exp(z - lse)
