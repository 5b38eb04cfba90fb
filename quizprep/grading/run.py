"""Running the learner's file as a script: its `if __name__ == "__main__":` block, in the grader's sandbox.

Every stub ends with a block that calls the learner's code on a small example and prints shapes.
`run_main` executes the file once in a learner child of a fresh zygote, exactly as a check's call
runs (same `Limits`, same isolation: its own session and temporary folder, a read-only file system
with the references' folders hidden where the kernel allows it, no store, no stdin), under the module name `__main__`, so that block
runs. No probe is sent and nothing is graded or recorded: what comes back is the printed output
and, if the file raised, the exception and the line of the learner's file it was raised from.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from .limits import Limits

OK, ERROR, TIMEOUT = "ok", "error", "timeout"
_LINE = re.compile(r"^\s*line (\d+)\b")
_CLEAN_EXIT = ("your code called sys.exit(0)", "your code called sys.exit(None)")


@dataclass(frozen=True)
class RunResult:
    """One run of the learner's file as a script.

    `status`: ok (it ran to the end), error (it raised, crashed or could not be read) or timeout.
    `output`: what it printed (stdout and stderr, interleaved, bounded by `Limits.output_bytes`).
    `message`: one line for error and timeout ("" when ok); `detail`: the traceback trimmed to the
    learner's file. `line`: the line of the learner's file the error was raised from (the deepest
    frame there; for a syntax error, its line), None if unknown. `seconds`: the wall-clock time.
    `warning`: set by `Services.run_exercise` if the progress file changed while the code ran.
    """

    status: str
    output: str
    message: str = ""
    line: int | None = None
    seconds: float = 0.0
    detail: str = ""
    warning: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK


def learner_line(detail: str) -> int | None:
    """The learner's line in a trimmed traceback (child.learner_traceback): the last `line N` it names."""
    found = None
    for text in detail.splitlines():
        match = _LINE.match(text)
        if match:
            found = int(match.group(1))
    return found


def run_main(exercise, path: Path | None = None, limits: Limits = Limits(), *, timeout: float | None = None) -> RunResult:
    """Run the learner's file for `exercise` (its workspace copy, or `path`) with `__name__ == "__main__"`.

    Uses `limits` as a grade does (`timeout` overrides `limits.timeout_s`); never raises for anything
    the learner's code does, and leaves no process behind: the zygote kills the child's group and
    whatever it left, then the zygote itself is stopped.
    """
    from .processes import private
    from .sandbox import LearnerFailure, ProbeError, run_learner
    from .zygote import Launcher

    if path is None:
        from .workspace import workspace_file

        path = workspace_file(exercise)
    path = Path(path).resolve()
    timeout = limits.timeout_s if timeout is None else timeout
    start = time.monotonic()
    with private():  # as while grading: this process stays unreadable to the learner's while it runs
        solution = getattr(exercise, "solution", None)  # its folder is hidden as a grade hides it
        launcher = Launcher.hiding(*([solution] if solution else []))
        try:
            result = run_learner(path, None, timeout=timeout, limits=limits, module_name="__main__", launcher=launcher)
        except ProbeError as err:  # the sandbox itself did not start: not the learner's doing
            return RunResult(ERROR, "", str(err), None, time.monotonic() - start)
        except LearnerFailure as failure:
            seconds = time.monotonic() - start
            if failure.kind == "timeout":
                return RunResult(TIMEOUT, failure.output, failure.message, None, seconds)
            if failure.message.startswith(_CLEAN_EXIT):  # a script may end itself with sys.exit(0)
                return RunResult(OK, failure.output, "", None, seconds)
            message = failure.message.replace("no keyboard while grading", "no keyboard in the sandbox")
            return RunResult(ERROR, failure.output, message, learner_line(failure.detail), seconds, failure.detail)
        finally:
            launcher.close()
    return RunResult(OK, result.output, "", None, time.monotonic() - start)

