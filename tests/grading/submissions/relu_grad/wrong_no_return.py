# expect: fail
# diagnosis: got None
# diagnosis: did you forget `return`?
def relu_grad(x):
    (x > 0).astype(float)
