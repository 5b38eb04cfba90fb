# expect: pass
"""Right code that refuses to answer if it can see the learner's home: a QUIZPREP_* variable, a store in its folder."""
import os

import numpy as np

_seen = sorted(k for k in os.environ if k.startswith("QUIZPREP") or k == "PYTHONDONTWRITEBYTECODE")
_seen += [f"cwd has {name}" for name in os.listdir(".")]
_seen += [f"{k}={os.environ[k]}" for k in ("HOME", "TMPDIR") if os.environ.get(k, os.getcwd()) != os.getcwd()]
if _seen:
    raise RuntimeError(f"learner code can see: {_seen}")


def relu_grad(x):
    return (x > 0).astype(np.float64)
