# expect: timeout
# timeout: 2
# diagnosis: look for an infinite loop
def relu_grad(x):
    while True:
        pass
