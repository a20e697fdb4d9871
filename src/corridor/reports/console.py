"""Terminal tables that fit the terminal: headers and text cells wrap between words, never cut.

Rich folds a header or a cell that does not fit its column in the middle of a word
(``Товарообо|рот``) or cuts it with an ellipsis (``зеркальн…``).  :func:`fit` chooses the
column widths itself and wraps every header and text cell to them with
:func:`corridor.reports.names.wrap`: between words; a single word longer than its column is
hyphenated.  The widths: every column as wide as its widest line when the table fits;
otherwise every column as wide as its longest word, and the room left shared in proportion to
what each column would still need; a column narrower than its longest word only when even the
longest words do not fit side by side (the widest such columns give way first).
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .names import wrap


def console(width: int) -> Console:
    """A console that renders plain text ``width`` columns wide into a string buffer."""
    return Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)


def _plain(cell: Any) -> str | None:
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        return Text.from_markup(cell).plain
    return None


def _extent(texts: list[str]) -> tuple[int, int]:
    """(longest word, longest line) of ``texts``."""
    words = [len(w) for t in texts for w in t.split()] or [0]
    lines = [len(line) for t in texts for line in t.splitlines()] or [0]
    return max(words), max(lines)


def widths(mins: list[int], maxs: list[int], room: int) -> list[int]:
    """Content widths of columns whose longest words are ``mins`` and longest lines ``maxs``
    in ``room`` characters (see the module's docstring)."""
    mins = [max(1, m) for m in mins]
    maxs = [max(a, b) for a, b in zip(mins, maxs)]
    if sum(maxs) <= room:
        return maxs
    if sum(mins) <= room:
        out = list(mins)
        spare, need = room - sum(mins), [b - a for a, b in zip(mins, maxs)]
        total = sum(need)
        for i, n in enumerate(need):
            out[i] += spare * n // total
        left = room - sum(out)
        for i in sorted(range(len(out)), key=lambda i: need[i] - (out[i] - mins[i]), reverse=True)[:left]:
            out[i] += 1
        return out
    out = list(mins)
    while sum(out) > room and max(out) > 3:  # the widest columns give way, one character at a time
        out[out.index(max(out))] -= 1
    return out


def fit(table: Table, con: Console) -> Table:
    """``table`` with fixed column widths that fit ``con``'s width and every text header and
    cell wrapped to its column between words (hyphenating only a word longer than the column)."""
    cols = table.columns
    if not cols:
        return table
    heads = [_plain(c.header) or "" for c in cols]
    cells = [[_plain(x) for x in c._cells] for c in cols]
    mins, maxs = [], []
    for c, head, body in zip(cols, heads, cells):
        texts = [head] + [t for t in body if t is not None]
        lo, hi = _extent(texts)
        if c.no_wrap:  # codes, flags: cells never wrapped (the header still wraps between words)
            lo = max([_extent([head])[0]] + [_extent([t])[1] for t in body if t is not None])
        if c.width is not None:
            lo = hi = c.width
        if c.max_width is not None:
            hi = min(hi, max(c.max_width, 1))
            lo = min(lo, hi)
        lo = max(lo, c.min_width or 0)
        mins.append(lo)
        maxs.append(max(hi, lo))
    room = (table.width or con.width) - table._extra_width - sum(table._get_padding_width(i) for i in range(len(cols)))
    for i, (c, w) in enumerate(zip(cols, widths(mins, maxs, room))):
        c.width, c.min_width, c.max_width, c.overflow, c.no_wrap = w, None, None, "fold", False
        c.header = Text("\n".join(wrap(heads[i], w)))
        for j, text in enumerate(cells[i]):
            if text is not None:
                c._cells[j] = Text("\n".join(line for part in text.splitlines() or [""] for line in wrap(part, w)))
    return table


def print_table(con: Console, table: Table) -> None:
    """Print ``table`` on ``con`` fitted to its width (:func:`fit`)."""
    con.print(fit(table, con))
