# expect: fail
# diagnosis: modified its input `x` in place
def relu_grad(x):
    x[x <= 0] = 0.0
    x[x > 0] = 1.0
    return x
