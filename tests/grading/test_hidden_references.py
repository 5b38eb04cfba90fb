"""Learner code cannot read a reference solution off disk: the folders holding them are empty in its process.

Each hostile submission below finds relu_grad's solution.py by one route and runs it as its own answer.
Run here, in the test's process, each route works (so the test proves something); graded, it must not pass.
"""

import os
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from quizprep.grading import find_exercise, grade, mounts
from quizprep.grading.exercises import load_exercises
from quizprep.grading.run import run_main

RELU = find_exercise("relu_grad")

needs_mounts = pytest.mark.skipif(not mounts.available(),
                                  reason="no mount namespaces here (no user namespaces, or refused): learner code sees the "
                                         "whole file system, references included")

BY_PACKAGE = """\
import pathlib, quizprep
_pkg = pathlib.Path(quizprep.__file__).resolve().parent
_found = sorted(_pkg.parent.glob("exercises/relu_grad/solution.py")) + sorted(_pkg.glob("_data/exercises/relu_grad/solution.py"))
exec(open(_found[0]).read())
"""

BY_RGLOB = """\
import pathlib, quizprep
# every copy under the checkout or the install (an editable install leaves one in site-packages) but the TUI tests'
# fixture pack, a tracked copy in the checkout's tests that is not hidden
_found = [p for p in pathlib.Path(quizprep.__file__).resolve().parents[1].rglob("relu_grad/solution.py")
          if "tests" not in p.parts]
exec(open(_found[0]).read())
"""

BY_CATALOGUE = """\
from quizprep.grading import load_catalogue
_ex = next(e for e in load_catalogue() if e.id == "relu_grad")
exec(open(_ex.solution).read())
"""

BY_FIND_SPEC = """\
import importlib.util, pathlib
_root = pathlib.Path(importlib.util.find_spec("quizprep").origin).parent
_found = [p for p in (_root.parent / "exercises" / "relu_grad" / "solution.py",
                      _root / "_data" / "exercises" / "relu_grad" / "solution.py") if p.exists()]
exec(open(_found[0]).read())
"""

BY_PATH = """\
exec(open({path!r}).read())
"""


def _works_here(source: str) -> None:
    """The route finds a working relu_grad when nothing hides the references (in this process)."""
    import numpy as np

    namespace: dict = {}
    exec(compile(source, "hostile.py", "exec"), namespace)
    assert np.array_equal(namespace["relu_grad"](np.array([-1.0, 2.0])), [0.0, 1.0])


def _write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "relu_grad.py"
    path.write_text(textwrap.dedent(source))
    return path


@needs_mounts
@pytest.mark.parametrize("source", [BY_PACKAGE, BY_RGLOB, BY_CATALOGUE, BY_FIND_SPEC],
                         ids=["package folder", "rglob", "catalogue", "find_spec"])
def test_learner_code_cannot_read_the_built_in_reference(tmp_path, source):
    _works_here(source)
    result = grade(RELU, _write(tmp_path, source))
    assert result.status == "error", result.message
    assert "importing your file failed" in result.message


@pytest.fixture
def pack_home(tmp_path, monkeypatch):
    """$QUIZPREP_HOME/exercises/relu_pack: a learner's pack holding a copy of relu_grad's reference."""
    home = tmp_path / "home"
    pack = home / "exercises" / "relu_pack"
    pack.mkdir(parents=True)
    shutil.copyfile(RELU.solution, pack / "solution.py")
    monkeypatch.setenv("QUIZPREP_HOME", str(home))
    return pack


@needs_mounts
def test_learner_code_cannot_read_a_pack_under_the_quizprep_home(tmp_path, pack_home):
    source = BY_PATH.format(path=str(pack_home / "solution.py"))
    _works_here(source)
    result = grade(RELU, _write(tmp_path, source))
    assert result.status == "error", result.message
    assert "No such file" in result.message


@needs_mounts
def test_learner_code_cannot_read_its_own_packs_reference(tmp_path):
    """A pack given as --exercises DIR (not in the environment): the graded exercise's own folder is hidden."""
    packs = tmp_path / "packs"
    shutil.copytree(RELU.stub.parent, packs / "relu_grad", ignore=shutil.ignore_patterns("__pycache__"))
    exercises, problems = load_exercises([packs], builtin=False)
    assert problems == () and exercises[0].solution == packs / "relu_grad" / "solution.py"
    source = BY_PATH.format(path=str(exercises[0].solution))
    _works_here(source)
    learner = Path(tempfile.mkdtemp()) / "relu_grad.py"  # not beside the pack
    try:
        result = grade(exercises[0], _write(learner.parent, source))
        assert result.status == "error", result.message
    finally:
        shutil.rmtree(learner.parent)


@needs_mounts
def test_a_script_run_cannot_read_the_reference_either(tmp_path):
    source = BY_PACKAGE + 'if __name__ == "__main__":\n    print("stolen", relu_grad(2.0))\n'
    result = run_main(RELU, _write(tmp_path, source))
    assert result.status == "error" and "stolen" not in result.output, result


@needs_mounts
def test_right_code_still_passes_and_imports_numpy_and_the_stdlib(tmp_path):
    source = """\
    import json, fractions, decimal, statistics, numpy.linalg, numpy.fft
    import numpy as np
    def relu_grad(x):
        return (np.asarray(x) > 0).astype(np.float64)
    """
    assert grade(RELU, _write(tmp_path, source)).status == "pass"


def test_the_folders_to_hide_hold_every_reference_and_nothing_the_child_imports():
    import numpy

    folders = mounts.reference_folders(RELU.solution)
    assert any(RELU.solution.resolve().is_relative_to(f) for f in folders)
    assert str(RELU.solution.resolve().parent.parent) in folders  # every built-in exercise, not just this one
    for entry in sys.path:
        installed = Path(entry or ".") / "quizprep" / "_data" / "exercises"
        if entry and installed.is_dir():
            assert os.path.realpath(installed) in folders  # an install's package data: the same references
    for needed in (Path(numpy.__file__).parent, Path(os.__file__).parent, Path(mounts.__file__).parent):
        assert not any(needed.resolve().is_relative_to(f) for f in folders), needed


@needs_mounts
def test_a_folder_holding_the_childs_own_is_never_hidden(tmp_path):
    """Told to hide an ancestor of its own folder (an --exercises DIR that holds /tmp, say), the child skips it."""
    own = tmp_path / "own"
    secret = tmp_path / "secret"
    own.mkdir()
    secret.mkdir()
    (secret / "solution.py").write_text("x = 1\n")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            mounts.read_only_except(str(own), hidden=[str(tmp_path), str(secret)])
            (own / "written").write_text("ok")
            code = 0 if os.listdir(secret) == [] else 2
        finally:
            os._exit(code)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert (secret / "solution.py").read_text() == "x = 1\n"  # hidden in the child only
