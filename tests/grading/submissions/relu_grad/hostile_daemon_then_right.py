# expect: pass
"""Right code that leaves a daemon (double fork + setsid) holding every descriptor it inherited."""
import os
import time

import numpy as np


def _daemon():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(60)
        os._exit(0)


_daemon()


def relu_grad(x):
    return (x > 0).astype(np.float64)
