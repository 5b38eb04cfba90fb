"""Every test runs with its own empty quizprep home."""

import pytest


@pytest.fixture(autouse=True)
def quizprep_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QUIZPREP_HOME", str(home))
    return home
