# expect: error
# diagnosis: ran out of memory
def relu_grad(x):
    hoard = []
    while True:
        hoard.append(bytearray(50_000_000))
