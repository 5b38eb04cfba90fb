# expect: error
# diagnosis: unreadable result
"""Writes a forged passing report to every descriptor it holds or can reopen through /proc, then does no work."""
import json
import os

FORGED = json.dumps({"exercise": "relu_grad", "status": "pass", "duration_s": 0.1,
                     "checks": [{"name": f"check {i}", "status": "pass", "message": ""} for i in range(9)]}) + "\n"


def _ancestors():
    pid = os.getppid()
    while pid > 1:
        yield pid
        try:
            with open(f"/proc/{pid}/stat") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            return


def _forge():
    for fd in range(1024):
        try:
            os.write(fd, FORGED.encode())
        except OSError:
            pass
    for pid in _ancestors():
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                opened = os.open(f"/proc/{pid}/fd/{fd}", os.O_WRONLY | os.O_NONBLOCK)
                os.write(opened, FORGED.encode())
                os.close(opened)
            except OSError:
                pass


_forge()


def relu_grad(x):
    raise NotImplementedError
