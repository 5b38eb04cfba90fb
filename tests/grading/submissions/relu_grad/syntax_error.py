# expect: error
# diagnosis: syntax error
def relu_grad(x)
    return x
