"""The coding exercises, with their status, topic and difficulty."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...grading.status import MARKS
from .once import AnswersOnce


class ExercisesScreen(AnswersOnce, Screen[None]):
    """The exercises with their status; enter asks the app to open one."""

    BINDINGS = [Binding("escape", "dismiss", "Back"), Binding("enter", "open", "Open", show=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Exercises — enter opens one; your copy is graded every time you save it", classes="title")
        table = DataTable(id="exercise-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("#", "status", "exercise", "topic", "diff")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="exercise-list")
    def load(self) -> None:
        services = self.app.services
        statuses = services.exercise_statuses()  # the words `quizprep list` and the progress screen use
        rows = [(e, statuses[e.id]) for e in services.exercises]
        self.app.call_from_thread(self._fill, rows)

    def _fill(self, rows) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for e, status in rows:
            table.add_row(str(e.order), f"{MARKS.get(status, ' ')} {status}", e.id, e.topic, "●" * e.difficulty, key=e.id)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.action_open_exercise(event.row_key.value)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self.app.action_open_exercise(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)
