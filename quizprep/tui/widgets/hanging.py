"""A numbered item whose wrapped lines start under its text, not under its number (a hanging indent)."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """`prefix` (one line, e.g. "[b]3[/b]  ") then `body`, wrapped in the width left beside the prefix; both are markup."""

    def __init__(self, prefix: str, body: str) -> None:
        self.prefix = Content.from_markup(prefix)
        self.body = Content.from_markup(body)

    @property
    def plain(self) -> str:
        """The text as shown, without its markup."""
        return self.prefix.plain + self.body.plain

    @property
    def indent(self) -> int:
        return self.prefix.cell_length

    def _body_width(self, width: int) -> int:
        return max(1, width - self.indent)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if width <= self.indent:  # no room beside the prefix: wrap the whole line as one text
            return (self.prefix + self.body).render_strips(width, height, style, options)
        body = self.body.render_strips(self._body_width(width), None, style, options) or [Strip.blank(0)]
        head = self.prefix.render_strips(self.indent, 1, style, options)[0]
        blank = Strip.blank(self.indent, style.rich_style)
        lines = [Strip.join([head if n == 0 else blank, line]) for n, line in enumerate(body)]
        return lines if height is None else lines[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.body.get_optimal_width(rules, self._body_width(container_width))

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.indent + self.body.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if width <= self.indent:
            return (self.prefix + self.body).get_height(rules, width)
        return self.body.get_height(rules, self._body_width(width))
