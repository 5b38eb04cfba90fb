"""Every test runs with its own empty quizprep home and no extra bank or exercise folders."""

import pytest


@pytest.fixture(autouse=True)
def quizprep_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QUIZPREP_HOME", str(home))
    monkeypatch.delenv("QUIZPREP_BANKS", raising=False)
    monkeypatch.delenv("QUIZPREP_EXERCISES", raising=False)
    return home
