# expect: fail
# diagnosis: modified its input `x` in place

def leaky_relu_grad(x, alpha=0.01):
    negative = x <= 0
    x[...] = 1.0
    x[negative] = alpha
    return x
