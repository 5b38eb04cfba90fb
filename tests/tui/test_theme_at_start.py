"""The remembered theme is there in the first frame (no flash of the other theme), read without opening
the store; when the store cannot be read at once, it is restored once the store is open."""

import sqlite3

import pytest

from quizprep.paths import home
from quizprep.progress import ProgressStore
from quizprep.progress.peek import PreferenceUnknown, peek_preference
from quizprep.services import Services
from quizprep.tui.app import QuizprepApp


def remember(theme: str) -> None:
    store = ProgressStore()
    store.set_preference("theme", theme)
    store.db.close()


def test_a_first_start_has_no_preference_and_creates_nothing():
    assert peek_preference("theme") is None
    assert not (home() / "progress.db").exists()


def test_the_remembered_theme_is_set_before_the_app_runs():
    remember("textual-light")
    app = QuizprepApp(Services())
    assert app.theme == "textual-light"
    assert app.services._store is None  # the store itself is opened later, off the first frame


def test_a_damaged_file_is_not_read_by_the_peek():
    (home() / "progress.db").write_bytes(b"not a database at all, just some bytes" * 10)
    with pytest.raises(PreferenceUnknown):
        peek_preference("theme")


def test_a_locked_store_is_waited_for_only_briefly_then_read_once_open():
    remember("textual-light")
    holder = sqlite3.connect(home() / "progress.db", isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # an exclusive lock in rollback mode blocks readers too
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(PreferenceUnknown):
            peek_preference("theme")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


async def test_when_the_peek_fails_the_theme_follows_once_the_store_is_open():
    remember("textual-light")
    services = Services()

    def unreadable(key):
        raise PreferenceUnknown("busy")

    services.peek_preference = unreadable
    app = QuizprepApp(services)
    assert app.theme != "textual-light"
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # once the store is open (it may wait behind the home's figures on a busy machine)
            if app.theme == "textual-light":
                break
            await pilot.pause(0.1)
        assert app.theme == "textual-light"
