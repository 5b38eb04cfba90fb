"""The workbench's save replaces the file's contents, never what the learner made of the file: its
permissions stay, a symlink stays a symlink (its target gets the text), and nothing is left beside it."""

import os
import stat

from quizprep.tui.widgets.workbench import save_atomically


def test_the_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "relu_grad.py"
    path.write_text("old\n")
    path.chmod(0o640)
    save_atomically(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["relu_grad.py"]


def test_a_new_file_is_readable_by_others_like_any_file_the_learner_writes(tmp_path):
    path = tmp_path / "relu_grad.py"
    save_atomically(path, "x = 1\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_symlinked_workspace_file_stays_a_link_and_its_target_is_written(tmp_path):
    repo = tmp_path / "my-repo"
    repo.mkdir()
    target = repo / "relu_grad.py"
    target.write_text("old\n")
    link = tmp_path / "relu_grad.py"
    link.symlink_to(target)
    save_atomically(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"
