# expect: fail
# diagnosis: likely mistake: the row's mean of d_probs was subtracted

def softmax_backward(probs, d_probs):
    # subtract the mean of d_probs instead of the p-weighted sum
    return probs * (d_probs - d_probs.mean(axis=-1, keepdims=True))
