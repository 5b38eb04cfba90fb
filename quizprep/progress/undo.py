"""Taking an answer back exactly: its card is put back as if the answer had never been given.

Answers to the same question recorded after the undone one (by another session) keep counting: they
are replayed, in order and at their own times, onto the card as it was before the undone answer.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from fsrs import Rating

from .scheduler import Settings, card_from_json, card_to_json, make_scheduler, new_card
from .store import iso


def restore_card(db: sqlite3.Connection, row: sqlite3.Row, settings: Settings) -> None:
    """Within an open write, move the card of the answer `row` back to what it would be without that answer."""
    key = f"q:{row['question_id']}"
    text, introduced = row["card_before"], None
    later = db.execute("SELECT id, rating, answered_at FROM answers WHERE question_id = ? AND id > ? AND card_before IS NOT NULL "
                       "AND rating IS NOT NULL ORDER BY id", (row["question_id"], row["id"])).fetchall()
    scheduler = make_scheduler(settings, "question")
    for answer in later:
        at = datetime.fromisoformat(answer["answered_at"])
        db.execute("UPDATE answers SET card_before = ? WHERE id = ?", (text, answer["id"]))  # so it too can be undone exactly
        if not text:
            introduced = introduced or iso(at)  # the undone answer introduced the card: the next one does now
        card = card_from_json(text) if text else new_card(key, at)
        card, _ = scheduler.review_card(card, Rating(answer["rating"]), at)
        text = card_to_json(card)
    if text == "":
        db.execute("DELETE FROM cards WHERE key = ?", (key,))
        return
    card = card_from_json(text)
    db.execute("UPDATE cards SET data = ?, due = ?, last_review = ?, introduced_at = COALESCE(?, introduced_at) WHERE key = ?",
               (text, iso(card.due), iso(card.last_review) if card.last_review else None, introduced, key))
