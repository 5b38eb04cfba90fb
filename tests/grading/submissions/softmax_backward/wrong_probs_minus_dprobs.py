# expect: fail
# diagnosis: likely mistake: probs - d_probs is the gradient of softmax followed by cross-entropy

def softmax_backward(probs, d_probs):
    # treated as if the loss were cross-entropy: p - d_probs
    return probs - d_probs
