"""`quizprep new`: the next command it prints is one a learner can paste and run as it is."""

import re
import shlex

from quizprep.cli import main


def test_new_exercise_in_a_folder_prints_a_command_that_works(tmp_path, capsys):
    folder = tmp_path / "my pack"  # a space, as in many home folders
    assert main(["new", "exercise", "mse_grad", "--dir", str(folder)]) == 0
    out = capsys.readouterr().out
    command = re.search(r"`(quizprep [^`]*check-exercise[^`]*)`", out).group(1)
    assert main(shlex.split(command)[1:]) == 0
    assert "✓ the reference passes every check" in capsys.readouterr().out
