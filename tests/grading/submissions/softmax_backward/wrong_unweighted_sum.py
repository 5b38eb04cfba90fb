# expect: fail
# diagnosis: likely mistake: the row's sum of d_probs is not weighted by p


def softmax_backward(probs, d_probs):
    return probs * (d_probs - d_probs.sum(axis=-1, keepdims=True))
