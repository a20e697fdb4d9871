"""Reading spreadsheet workbooks as the national statistics publish them: Office Open XML
(``.xlsx``, ``.xlsm``, read with openpyxl) and the legacy Excel 97-2003 binary format
(``.xls``, BIFF8, read with xlrd), which stat.gov.kz still uses for many tables.

Both give each sheet as ``(name, [(row number, cells)])``: row numbers from 1 as Excel shows
them, cells as Python values (``None`` for an empty cell, ``float`` / ``int`` for numbers,
``str`` for text, ``datetime`` for a date).  A merged range holds its value in its top-left
cell only, as both libraries give it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError, Problem
from ..messages import Message

#: The file suffixes a workbook is read from.
WORKBOOK_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls")

Rows = list[tuple[int, tuple]]
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def workbook_sheets(path: Path, *, limit: int | None = None) -> list[tuple[str, Rows]]:
    """Every sheet of the workbook at ``path`` as ``(sheet name, rows)``, the first ``limit``
    rows of each when given.  An unreadable file is an :class:`InputError` naming it."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_ZIP):  # .xlsx content, whatever the name (an .xlsx renamed .xls)
        return _xlsx_sheets(path, limit)
    if head.startswith(_OLE2):  # Excel 97-2003 (BIFF8 in an OLE2 compound file)
        return _xls_sheets(path, limit)
    if head.lstrip().lower().startswith((b"<", b"\xef\xbb\xbf<")):
        raise InputError(path, Problem(Message("sheet_html_page"), line=1,
                                       expected=Message("sheet_html_expected")))
    if path.suffix.lower() == ".xls":
        return _xls_sheets(path, limit)
    return _xlsx_sheets(path, limit)


def _xlsx_sheets(path: Path, limit: int | None) -> list[tuple[str, Rows]]:
    import openpyxl

    with open(path, "rb") as fh:  # a file object: openpyxl would refuse the name of an .xlsx renamed .xls
        try:
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException for bad files
            raise InputError(path, Problem(Message("map_xlsx_unreadable", detail=str(exc)))) from None
        return _xlsx_read(wb, limit)


def _xlsx_read(wb, limit: int | None) -> list[tuple[str, Rows]]:
    try:
        out = []
        for ws in wb.worksheets:
            rows: Rows = []
            for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if limit is not None and i > limit:
                    break
                rows.append((i, tuple(row)))
            out.append((ws.title, rows))
        return out
    finally:
        wb.close()


def _xls_sheets(path: Path, limit: int | None) -> list[tuple[str, Rows]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct/OSError for bad files
        raise InputError(path, Problem(Message("sheet_xls_unreadable", detail=str(exc)))) from None
    try:
        out = []
        for k in range(book.nsheets):
            sheet = book.sheet_by_index(k)
            n = sheet.nrows if limit is None else min(limit, sheet.nrows)
            rows = [(i + 1, tuple(_xls_value(c, book.datemode) for c in sheet.row(i))) for i in range(n)]
            out.append((sheet.name, rows))
        return out
    finally:
        book.release_resources()


def _xls_value(cell, datemode: int) -> object:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value if cell.value.strip() else None
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(cell.value, datemode)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell.value  # number (float) or boolean (int)


def cell_text(value: object) -> str:
    """A cell as the text it shows: integral numbers without ``.0`` (``202401.0`` ->
    ``202401``), dates as ``YYYYMM`` (a period Excel turned into a date), else ``str``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}{value.month:02d}"
    return str(value)


def header_sheet(path: Path, is_header) -> tuple[int, tuple[str, ...], list[tuple[int, list[str]]]]:
    """The table of the first sheet (in workbook order) with a row for which
    ``is_header(names)`` is true (names stripped): ``(header row number, names, data
    rows)``, the data rows as ``(row number, cell texts)`` (:func:`cell_text`, one text per
    header name), wholly empty rows left out.  Title rows above the header are skipped.
    No such row: an :class:`InputError` naming the file."""
    for _sheet, rows in workbook_sheets(path):
        for k, (number, cells) in enumerate(rows):
            names = tuple(cell_text(v).strip() for v in cells)
            while names and not names[-1]:
                names = names[:-1]
            if names and is_header(names):
                data = []
                for n, row in rows[k + 1:]:
                    texts = [cell_text(v) for v in row[: len(names)]]
                    if any(t.strip() for t in texts):
                        data.append((n, texts + [""] * (len(names) - len(texts))))
                return number, names, data
    raise InputError(path, Problem(Message("sheet_no_header"), expected=Message("sheet_no_header_expected")))
