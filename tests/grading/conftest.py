"""Grading tests run as on a learner's machine: without PYTHONDONTWRITEBYTECODE, so bytecode caches are
written and a stale one would show (this process's flag too: the grading process is forked from it)."""

import sys

import pytest


@pytest.fixture(autouse=True)
def bytecode_is_written(monkeypatch):
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
