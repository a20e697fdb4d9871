"""Terminal tables that fit the terminal: headers and text cells wrap between words, never cut.

Rich folds a header or a cell that does not fit its column in the middle of a word
(``Товарообо|рот``) or cuts it with an ellipsis (``зеркальн…``).  :func:`fit` chooses the
column widths itself and wraps every header and text cell to them with
:func:`corridor.reports.names.wrap`: between words; a single word longer than its column is
hyphenated.  The widths: every column as wide as its widest line when the table fits;
otherwise every column as wide as its longest word, and the room left shared in proportion to
what each column would still need; when even the longest words do not fit side by side, the
frame and the padding go first, then the headers' long words are hyphenated, and only then
the widest columns give way (a figure is broken last).
"""

from __future__ import annotations

import io
import re
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


def _words(text: str) -> list[str]:
    """The unbreakable words of ``text``: split at ASCII blanks only (a no-break space binds
    ``10 567,9`` into one word)."""
    return [w for w in re.split(r"[ \t\n]+", text) if w]


def _extent(texts: list[str]) -> tuple[int, int]:
    """(longest word, longest line) of ``texts``."""
    words = [len(w) for t in texts for w in _words(t)] or [0]
    lines = [len(line) for t in texts for line in t.splitlines()] or [0]
    return max(words), max(lines)


def widths(mins: list[int], maxs: list[int], room: int, hard: list[int] | None = None) -> list[int]:
    """Content widths of columns whose longest words are ``mins`` and longest lines ``maxs``
    in ``room`` characters: every column at its longest line when they fit; else at its
    longest word and the room left shared in proportion to what each still needs; when even
    the longest words do not fit, the headers' words give way first (down to ``hard``, the
    longest word of the cells), then the widest columns (see the module's docstring)."""
    hard = [max(1, h) for h in (hard or mins)]
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
    while sum(out) > room and any(o > h for o, h in zip(out, hard)):  # a header's long word is hyphenated
        i = max((i for i in range(len(out)) if out[i] > hard[i]), key=lambda i: out[i] - hard[i])
        out[i] -= 1
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
    mins, maxs, hard = [], [], []
    for c, head, body in zip(cols, heads, cells):
        texts = [head] + [t for t in body if t is not None]
        lo, hi = _extent(texts)
        cell_lo = _extent([t for t in body if t is not None])[0]
        if c.no_wrap:  # codes, flags: cells never wrapped (the header still wraps between words)
            cell_lo = max([0] + [_extent([t])[1] for t in body if t is not None])
            lo = max(_extent([head])[0], cell_lo)
        if c.width is not None:
            lo = hi = cell_lo = c.width
        if c.max_width is not None:
            hi = min(hi, max(c.max_width, 1))
            lo, cell_lo = min(lo, hi), min(cell_lo, hi)
        mins.append(lo)
        maxs.append(max(hi, lo))
        hard.append(min(cell_lo, lo))

    def room() -> int:
        return (table.width or con.width) - table._extra_width - sum(table._get_padding_width(i) for i in range(len(cols)))

    if sum(mins) > room():  # too narrow for every word: drop the frame and the padding before breaking a word
        from rich import box

        table.box, table.show_edge, table.pad_edge, table.padding = box.SIMPLE_HEAD, False, False, (0, 0, 0, 0)
    for i, (c, w) in enumerate(zip(cols, widths(mins, maxs, room(), hard))):
        c.width, c.min_width, c.max_width, c.overflow, c.no_wrap = w, None, None, "fold", False
        c.header = Text("\n".join(wrap(heads[i], w)))
        for j, text in enumerate(cells[i]):
            if text is not None:
                c._cells[j] = Text("\n".join(line for part in text.splitlines() or [""] for line in wrap(part, w)))
    return table


def print_table(con: Console, table: Table) -> None:
    """Print ``table`` on ``con`` fitted to its width (:func:`fit`)."""
    con.print(fit(table, con))


def print_notes(con: Console, heading: str, notes: list[str]) -> None:
    """``heading:`` then one item per note, wrapped between words to the console's width
    with a hanging indent (run together, several notes read as one sentence)."""
    con.print(heading + ":", markup=False)
    room = max(20, con.width - 4)
    for note in notes:
        for i, line in enumerate(wrap(note, room)):
            con.print(("  - " if i == 0 else "    ") + line, markup=False)
