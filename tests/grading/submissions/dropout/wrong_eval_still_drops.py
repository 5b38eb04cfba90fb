# expect: fail
# diagnosis: out of dropout_forward(x, p=0.5, rng, train=False) is wrong
# diagnosis: with train=False nothing is dropped and nothing is scaled
# The train flag is never read.


def dropout_forward(x, p, rng, train=True):
    mask = (rng.random(x.shape) >= p) / (1 - p)
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
