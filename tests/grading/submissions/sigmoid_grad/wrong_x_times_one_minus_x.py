# expect: fail
# diagnosis: sigmoid_grad(x) is wrong
# diagnosis: likely mistake: s * (1 - s) was applied to x itself
def sigmoid_grad(x):
    return x * (1 - x)
