"""Learner code on a learner's machine: the grader runs as an ordinary user, not root.

There the learner's code runs as the same user as the store, so the read-only file system is what
keeps it out of `progress.db`, the workspace and a pack's solution. The zygote is non-dumpable, and
its children inherit that; these tests run the learner's child as the zygote does, as an ordinary
user (this process drops to `nobody` for it when the tests run as root).
"""

import os
import pickle
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from quizprep.grading import child, mounts, wire
from quizprep.grading.processes import set_dumpable


def _as_ordinary_user(work) -> object:
    """`work()` in a forked child that is not root (dropping to nobody if this is root); its pickled value."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setresgid(65534, 65534, 65534)
                os.setresuid(65534, 65534, 65534)
            value = ("ok", work())
        except BaseException as exc:  # noqa: BLE001
            value = ("raised", f"{type(exc).__name__}: {exc}")
        os.write(write, pickle.dumps(value))
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 1 << 16):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    assert kind == "ok", value
    return value


def _userns_for_ordinary_users() -> bool:
    def dumpable_probe():
        set_dumpable(True)  # a change of user makes a process non-dumpable: undone here, as in a fresh process
        return mounts.available()

    return bool(_as_ordinary_user(dumpable_probe))


needs_userns = pytest.mark.skipif(not _userns_for_ordinary_users(),
                                  reason="this kernel gives ordinary users no user namespaces, so no read-only file system")


@needs_userns
def test_a_non_dumpable_process_still_gets_a_read_only_file_system():
    def probe():
        set_dumpable(False)  # as the zygote is
        return mounts.available()

    assert _as_ordinary_user(probe) is True


def _attempt(module, targets):
    out = {}
    for where in targets:
        try:
            with open(where, "a") as f:
                f.write("# changed by learner code\n")
            out[where] = "written"
        except OSError as err:
            out[where] = err.strerror
    return out


@needs_userns
def test_learner_code_of_an_ordinary_user_cannot_write_its_users_files():
    shared = Path(tempfile.mkdtemp(prefix="quizprep-users-"))  # the user's own files: store, workspace, a pack
    shared.chmod(0o777)
    targets = [str(shared / "progress.db"), str(shared / "solution.py")]
    for t in targets:
        Path(t).write_text("")
        os.chmod(t, 0o666)
    try:
        def zygote_call():
            import cloudpickle

            set_dumpable(False)
            read_only = mounts.available()
            ours, theirs = socket.socketpair()
            header = {"path": "learner.py", "module": "learner", "timeout": 10, "memory_mb": 512, "output_bytes": 4096,
                      "file_mb": 1}
            probe = cloudpickle.dumps((_attempt, (targets + ["inside"],)))
            reply = child.run_child(theirs, header, b"x = 1\n", probe, None, 0, read_only)
            return read_only, wire.decode(reply["_blobs"][1])

        read_only, message = _as_ordinary_user(zygote_call)
        assert read_only is True
        assert message["status"] == "ok", message
        assert message["value"] == {targets[0]: "Read-only file system", targets[1]: "Read-only file system",
                                    "inside": "written"}
        assert all(Path(t).read_text() == "" for t in targets)
    finally:
        shutil.rmtree(shared, ignore_errors=True)


# --- no process outside the learner's own can be signalled ----------------------------------------------------


def _pid_namespaces() -> bool:
    folder = tempfile.mkdtemp()
    os.chmod(folder, 0o777)

    def probe():
        from quizprep.grading.mounts import new_pid_namespace, read_only_except

        if not read_only_except(folder, keep_capabilities=True):
            return False
        return new_pid_namespace()

    try:
        return bool(_as_ordinary_user(probe)) or _root_pid_namespace()
    finally:
        os.rmdir(folder)


def _root_pid_namespace() -> bool:
    if os.geteuid() != 0:
        return False
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        from quizprep.grading.mounts import new_pid_namespace

        os._exit(0 if new_pid_namespace() else 1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def _signal_each(module, pids):
    out = {}
    for name, pid in pids.items():
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process could be signalled
            out[name] = "reachable"
        except OSError as err:
            out[name] = type(err).__name__
    return out


needs_pid_namespaces = pytest.mark.skipif(not _pid_namespaces(), reason="this kernel gives the grader no PID namespaces")


@needs_pid_namespaces
def test_learner_code_cannot_signal_the_grader_or_any_other_process():
    from quizprep.grading import find_exercise
    from quizprep.grading.sandbox import default_launcher, run_learner

    launcher = default_launcher()
    launcher.wait_ready()
    pids = {"this test": os.getpid(), "the zygote": launcher.proc.pid}
    got = run_learner(find_exercise("relu_grad").solution, _signal_each, pids, timeout=10, launcher=launcher).value
    assert got == {"this test": "ProcessLookupError", "the zygote": "ProcessLookupError"}  # not even named


@needs_userns
@needs_pid_namespaces
def test_an_ordinary_users_learner_code_cannot_signal_the_users_processes():
    def zygote_call():
        import cloudpickle

        set_dumpable(False)
        read_only = mounts.available()
        ours, theirs = socket.socketpair()
        header = {"path": "learner.py", "module": "learner", "timeout": 10, "memory_mb": 512, "output_bytes": 4096, "file_mb": 1}
        pids = {"the zygote": os.getpid(), "its parent": os.getppid()}  # processes of the same user as the learner's
        probe = cloudpickle.dumps((_signal_each, (pids,)))
        reply = child.run_child(theirs, header, b"x = 1\n", probe, None, 0, read_only)
        return wire.decode(reply["_blobs"][1])

    message = _as_ordinary_user(zygote_call)
    assert message["status"] == "ok", message
    assert message["value"] == {"the zygote": "ProcessLookupError", "its parent": "ProcessLookupError"}


@needs_pid_namespaces
@pytest.mark.parametrize(("source", "exited", "code"), [
    ("import os\nos._exit(7)\n", True, 7),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n", False, 15),
    ("import ctypes\nctypes.string_at(0)\n", False, 11),
], ids=["exit code", "signal sent to itself", "crash"])
def test_the_learner_processes_end_reaches_the_zygote_as_it_was(source, exited, code):
    ours, theirs = socket.socketpair()
    header = {"path": "learner.py", "module": "learner", "timeout": 10, "memory_mb": 512, "output_bytes": 4096, "file_mb": 1}
    import cloudpickle

    reply = child.run_child(theirs, header, source.encode(), cloudpickle.dumps((None, ())), child.learner_ids(), 0, False)
    status = reply["_head"]["status"]
    assert (os.WIFEXITED(status), os.WEXITSTATUS(status) if exited else os.WTERMSIG(status)) == (exited, code)
