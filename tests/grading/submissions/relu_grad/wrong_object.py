# expect: fail
# diagnosis: got an object of type Grad
class Grad:
    pass


def relu_grad(x):
    return Grad()
