# expect: error
# diagnosis: crashed the process (segmentation fault)
import ctypes


def relu_grad(x):
    return ctypes.string_at(0)
