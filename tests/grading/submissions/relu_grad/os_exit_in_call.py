# expect: error
# diagnosis: ended the process (exit code 0)
import os


def relu_grad(x):
    os._exit(0)
