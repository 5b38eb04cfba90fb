"""The zygote: a fresh interpreter with numpy imported and nothing of any exercise, forking one learner child per call.

The grading process, which holds the checks and the reference, starts it (`Launcher`) with a scrubbed
environment and asks it over a socket to run one probe on the learner's source. The zygote forks a
child that closes every descriptor but its output and result pipes, leaves for a new session and a
fresh temporary folder, drops root if it has it, sets its limits, compiles the source (never a cached
.pyc) and runs the probe. The zygote relays the bytes back within the time limit, then kills the
child's group and every process it left behind (the zygote is their subreaper).
"""

from __future__ import annotations

import gc
import json
import os
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .processes import kill_tree, set_dumpable, set_subreaper, sweep_children

ENV_KEEP = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LD_LIBRARY_PATH", "TZ", "SYSTEMROOT")
# one BLAS thread: a forked child inherits no thread pool, and grading needs no parallel BLAS
SINGLE_THREADED = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
STARTUP_S = 30.0   # a cold interpreter and numpy on a loaded machine
BACKSTOP_S = 10.0  # beyond the call's own limit, for fork, sweep and relay, before the zygote counts as lost
_FRAME = struct.Struct("<IQ")


def send_frame(sock: socket.socket, header: dict, *blobs: bytes) -> None:
    """Send a JSON header and any number of byte strings as one frame."""
    head = json.dumps({**header, "blobs": [len(b) for b in blobs]}).encode()
    sock.sendall(_FRAME.pack(len(head), sum(len(b) for b in blobs)) + head)
    for blob in blobs:
        sock.sendall(blob)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = sock.recv_into(view[got:])
        if k == 0:
            return None
        got += k
    return bytes(buf)


def recv_frame(sock: socket.socket) -> tuple[dict, list[bytes]] | None:
    """The next frame as (header, blobs); None if the other side has gone."""
    fixed = _recv_exact(sock, _FRAME.size)
    if fixed is None:
        return None
    n_head, n_body = _FRAME.unpack(fixed)
    head = _recv_exact(sock, n_head)
    body = _recv_exact(sock, n_body) if n_body else b""
    if head is None or body is None:
        return None
    header = json.loads(head)
    blobs, pos = [], 0
    for size in header.pop("blobs"):
        blobs.append(body[pos:pos + size])
        pos += size
    return header, blobs


def scrubbed_env() -> dict[str, str]:
    """The environment learner code gets: no QUIZPREP_* variable, no home, no store path."""
    env = {k: v for k, v in os.environ.items() if k in ENV_KEEP}
    env.update(SINGLE_THREADED)
    package_root = str(Path(__file__).resolve().parents[2])  # so `-m quizprep...` works however quizprep is installed
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
    return env


@dataclass
class Reply:
    """What came back from one learner call (`lost`: the zygote died or stopped answering)."""

    status: int | None = None
    timed_out: bool = False
    too_big: bool = False
    output: bytes = b""
    dropped: int = 0
    payload: bytes = b""
    swept: int = 0
    lost: bool = False
    unstarted: bool = False  # lost before it ever came up: not the learner's doing


class Launcher:
    """The grading process's handle on its zygote: start it early, call it, stop it.

    `hidden`: the folders every call's learner code sees empty (those holding references: see
    `mounts.reference_folders`, the default), sent with each request as the limits are."""

    def __init__(self, hidden: Sequence[str | os.PathLike] | None = None) -> None:
        if hidden is None:
            from .mounts import reference_folders

            hidden = reference_folders()
        self.hidden = [str(h) for h in hidden]
        self.proc: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self.ready = False
        self.owner = 0

    @classmethod
    def hiding(cls, *solutions: str | os.PathLike) -> Launcher:
        """A started launcher whose learner code sees empty every folder holding a reference, these solutions' included."""
        from .mounts import reference_folders

        return cls(reference_folders(*solutions)).start()

    def start(self) -> Launcher:
        """Start the zygote (it boots while the caller loads the checks)."""
        ours, theirs = socket.socketpair()
        self.proc = subprocess.Popen([sys.executable, "-P", "-m", "quizprep.grading.zygote"], stdin=theirs,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=scrubbed_env(), cwd="/",
                                     close_fds=True, start_new_session=True)
        theirs.close()
        self.sock = ours
        self.ready = False
        self.owner = os.getpid()  # a forked copy of this handle may use the zygote but not reap it
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _wait(self, deadline: float):
        import select

        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            if select.select([self.sock], [], [], remaining)[0]:
                return recv_frame(self.sock)

    def wait_ready(self) -> bool:
        """Wait for the zygote's start-up (once); False if it did not come up."""
        if self.proc is None:
            self.start()
        if not self.ready:
            try:
                frame = self._wait(time.monotonic() + STARTUP_S)
            except (OSError, ValueError):
                frame = None
            self.ready = frame is not None and bool(frame[0].get("ready"))
        return self.ready

    def call(self, request: dict, source: bytes, probe: bytes) -> Reply:
        """Run one probe (see `serve`); a zygote that dies or does not answer gives `Reply(lost=True)`."""
        if not self.wait_ready():
            return Reply(lost=True, unstarted=True)
        try:
            call_id = os.urandom(8).hex()  # a reply is taken only for the request it answers
            send_frame(self.sock, {"hidden": self.hidden, **request, "id": call_id}, source, probe)
            deadline = time.monotonic() + float(request["timeout"]) + BACKSTOP_S
            while (frame := self._wait(deadline)) is not None:
                header, blobs = frame
                if header.get("id") == call_id and len(blobs) == 2:
                    return Reply(header.get("status"), bool(header.get("timed_out")), bool(header.get("too_big")),
                                 blobs[0], int(header.get("dropped", 0)), blobs[1], int(header.get("swept", 0)))
            return Reply(lost=True)
        except (OSError, ValueError, KeyError, TypeError):
            return Reply(lost=True)

    def hand_over(self) -> None:
        """After forking the process that will use it: let go of the socket here, so the zygote sees that one go."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def close(self, grace: float = 2.0) -> None:
        """Stop the zygote and, with it, anything its children left.

        Its socket closes first, so it cleans up (its learner child, their temporary folders) and exits
        by itself; only the process that started it waits for that, and kills it after `grace` seconds.
        """
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None and self.owner == os.getpid():
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                kill_tree(self.proc.pid)
                self.proc.wait()
        self.proc = None


def serve(sock: socket.socket) -> None:
    """The zygote's loop: one request, one fresh learner child, one reply, until the grading process goes."""
    from .mounts import probe_result, start_probe

    probe = start_probe()  # forked while this process is small; it runs while numpy loads

    import cloudpickle  # noqa: F401 - the probes arrive pickled by it
    import numpy  # noqa: F401 - imported once here, so every learner child starts warm

    from . import api  # noqa: F401 - what probes may call (record_steps)
    from .child import learner_ids, run_child, tasks_of

    ids = learner_ids()
    nproc_base = tasks_of(ids[0] if ids else os.getuid())
    read_only = probe_result(probe)
    gc.freeze()  # the children share these objects without copy-on-write faults from the collector
    send_frame(sock, {"ready": True})
    while (frame := recv_frame(sock)) is not None:
        header, (source, probe) = frame
        reply = run_child(sock, header, source, probe, ids, nproc_base, read_only)
        send_frame(sock, reply.pop("_head"), *reply.pop("_blobs"))


def main() -> None:
    """Entry point: the socket to the grading process is standard input."""
    set_dumpable(False)
    set_subreaper(True)
    sock = socket.socket(fileno=os.dup(0))
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    try:
        serve(sock)
    except BaseException:  # noqa: BLE001 - the grading process went away mid-reply, or a fault here: the cleanup is the same
        pass
    sweep_children()
    os._exit(0)  # no interpreter teardown: the grading process waits for this exit


if __name__ == "__main__":
    main()
