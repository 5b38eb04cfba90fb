# expect: fail
# diagnosis: has dtype bool, expected float64
def relu_grad(x):
    return x > 0
