"""Every test runs with its own empty quizprep home and no extra bank or exercise folders."""

import pytest

from quizprep import paths


@pytest.fixture(autouse=True)
def quizprep_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QUIZPREP_HOME", str(home))
    monkeypatch.delenv("QUIZPREP_BANKS", raising=False)
    monkeypatch.delenv("QUIZPREP_EXERCISES", raising=False)
    yield home
    paths.EXTRA_BANKS.clear()  # `--banks` / `--exercises` given to main() in one test must not leak into the next
    paths.EXTRA_EXERCISES.clear()
