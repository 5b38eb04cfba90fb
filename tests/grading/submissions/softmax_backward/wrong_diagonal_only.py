# expect: fail
# diagnosis: likely mistake: only the diagonal of the Jacobian, p * (1 - p) * d
# Treats softmax like an element-wise sigmoid.


def softmax_backward(probs, d_probs):
    return probs * (1.0 - probs) * d_probs
