"""Reading spreadsheet workbooks as the national statistics publish them: Office Open XML
(``.xlsx``, ``.xlsm``, read with python-calamine, a Rust reader) and the legacy Excel
97-2003 binary format (``.xls``, BIFF8, read with xlrd), which stat.gov.kz still uses for
many tables.

Every sheet is given as rows ``(row number, cells)``: row numbers from 1 as Excel shows
them (a sheet whose first cells are empty still starts at row 1), cells as Python values
(``None`` for an empty cell, ``float`` / ``int`` for numbers, ``str`` for text,
``datetime`` for a date, ``bool`` for a logical cell), every row as wide as the sheet's
used range.  A formula gives the value Excel last computed and saved (none: ``None``; an
error: its text, ``#N/A``).  A merged range holds its value in its top-left cell only, as
both libraries give it.

One reader for the whole project: the trade-statistics importers (WITS, Comtrade, BNS,
GACC, the generic table importer), the deal ledger and the roadmap read their workbooks
here.  Why calamine for ``.xlsx``: openpyxl builds a Python object per cell; parsing a
100,000-row WITS download took 16.1 s CPU with it, 2.8 s with calamine, of which ~1 s is
calamine's reading (``benchmarks/workbook_import.py``, benchmarks/README.md).
``.xls`` stays with xlrd: calamine gives whole numbers of an ``.xls`` as ``int`` where
xlrd gives ``float``, and the legacy files are small (65,536 rows at most).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from ..errors import InputError, Problem
from ..messages import Message, library_detail

#: The file suffixes a workbook is read from.
WORKBOOK_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls")

Rows = list[tuple[int, tuple]]
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream name (UTF-16LE, as OLE2 directory entries hold names) in which Excel keeps a
#: password-protected .xlsx: such a file is an OLE2 compound file, not a zip (MS-OFFCRYPTO
#: 2.3.4.4, "EncryptedPackage Stream").
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


class Book(Protocol):
    """An open workbook: its sheet names in workbook order, and one sheet's rows."""

    names: tuple[str, ...]

    def rows(self, name: str, *, limit: int | None = None) -> Rows:
        """The rows of sheet ``name``, the first ``limit`` of them when given."""


@contextmanager
def open_workbook(path: Path, *, expected: Message | None = None) -> Iterator[Book]:
    """The workbook at ``path``, read by its content whatever its name says (an .xlsx
    renamed .xls is read as .xlsx).  An unreadable file (damaged, password-protected, not
    a workbook, an HTML page saved as .xls) is an :class:`InputError` naming it, with
    ``expected`` (what the caller reads) when given."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_ZIP):  # .xlsx content, whatever the name
        book: Book = _XlsxBook(path, expected)
    elif head.startswith(_OLE2):  # Excel 97-2003 (BIFF8 in an OLE2 compound file), or an encrypted .xlsx
        if _ENCRYPTED_PACKAGE in path.read_bytes():
            raise InputError(path, Problem(Message("sheet_encrypted"), expected=Message("sheet_encrypted_expected")))
        book = _XlsBook(path, expected)
    elif head.lstrip().lower().startswith((b"<", b"\xef\xbb\xbf<")):
        raise InputError(path, Problem(Message("sheet_html_page"), line=1, expected=Message("sheet_html_expected")))
    else:
        book = _XlsBook(path, expected) if path.suffix.lower() == ".xls" else _XlsxBook(path, expected)
    try:
        yield book
    finally:
        book.close()


def workbook_sheets(path: Path, *, limit: int | None = None) -> list[tuple[str, Rows]]:
    """Every sheet of the workbook at ``path`` as ``(sheet name, rows)``, the first ``limit``
    rows of each when given.  An unreadable file is an :class:`InputError` naming it."""
    with open_workbook(path) as book:
        return [(name, book.rows(name, limit=limit)) for name in book.names]


class _XlsxBook:
    """An Office Open XML workbook read with python-calamine's own API: the file is read
    once, each sheet's cells come as one list of rows (Rust), and only the values that
    differ from the cell model above are touched in Python."""

    def __init__(self, path: Path, expected: Message | None) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        self.path, self._expected = path, expected
        with open(path, "rb") as fh:  # a file object: the content decides, not the name
            try:
                self._wb = CalamineWorkbook.from_filelike(fh)
            except Exception as exc:  # CalamineError, ZipError, XmlError for a bad file
                raise self._unreadable(exc) from None
        # the worksheets (openpyxl's ``worksheets``): a chart tab holds no cells
        self.names = tuple(m.name for m in self._wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet)

    def _unreadable(self, exc: Exception) -> InputError:
        return InputError(self.path, Problem(Message("map_xlsx_unreadable", detail=library_detail(exc, str(exc) or type(exc).__name__)),
                                             expected=self._expected))

    def rows(self, name: str, *, limit: int | None = None) -> Rows:
        try:
            values = self._wb.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=limit)
        except Exception as exc:  # a damaged sheet part (XML, zip member) shows only when read
            raise self._unreadable(exc) from None
        date = dt.date  # calamine gives "" for an empty cell (also a formula without a saved value), a
        # date-only cell as a ``date``; the cell model (openpyxl's) has None and a ``datetime``
        rows = [(i, tuple([None if v == "" else _midnight(v) if type(v) is date else v for v in row]))
                for i, row in enumerate(values, start=1)]
        errors = _error_cells(self.path, name) if any("" in row for row in values) else {}
        for (r, c), error in errors.items():  # calamine gives an error as "", as an empty cell
            if r <= len(rows) and c < len(rows[r - 1][1]):
                cells = rows[r - 1][1]
                rows[r - 1] = (r, cells[:c] + (error,) + cells[c + 1:])
        return rows

    def close(self) -> None:
        self._wb.close()


_ERROR_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?\bt="e"[^>]*(?<!/)>(?:(?!</c>).)*?<v>([^<]*)</v>', re.S)
_ERROR_CELL_T_FIRST = re.compile(rb'<c\b[^>]*?\bt="e"[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*(?<!/)>(?:(?!</c>).)*?<v>([^<]*)</v>', re.S)
_CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")


def _error_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """The cells of ``sheet`` whose saved value is an error (``#N/A``, ``#DIV/0!``; ECMA-376
    Part 1, 18.3.1.4, ``t="e"``) as ``{(row number, column index): text}``: python-calamine
    gives them as empty, openpyxl and xlrd as their text, which the importers refuse as not a
    number.  The sheet's part is found through the workbook's relationships and searched as
    bytes; a sheet without ``t="e"`` (nearly all) costs one decompression and one search.
    The error cells are found by pattern; when the pattern misses some (an element prefix,
    ``x:c``; cells without their optional ``r`` reference) the sheet is parsed as XML."""
    import xml.etree.ElementTree as ET
    import zipfile

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        with zipfile.ZipFile(path) as zf:
            book = ET.fromstring(zf.read("xl/workbook.xml"))
            rid = next(e.get(rel) for e in book.iter(f"{main}sheet") if e.get("name") == sheet)
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            target = next(e.get("Target") for e in rels if e.get("Id") == rid)
            data = zf.read(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
    except (KeyError, StopIteration, zipfile.BadZipFile, ET.ParseError):  # calamine read it: a layout not foreseen
        return {}
    if b't="e"' not in data:
        return {}
    found = {}
    for pattern in (_ERROR_CELL, _ERROR_CELL_T_FIRST):
        for letters, row, text in pattern.findall(data):
            found[(int(row), _column(letters.decode()))] = text.decode("utf-8", "replace")
    if len(found) == data.count(b't="e"'):
        return found
    return _parsed_error_cells(data)


def _column(letters: str) -> int:
    """The 0-based index of column ``letters`` (``A`` 0, ``AA`` 26)."""
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1


def _parsed_error_cells(data: bytes) -> dict[tuple[int, int], str]:
    """:func:`_error_cells` of a sheet's XML ``data`` parsed as XML (any element prefix; a row
    or cell without its reference counted on from the previous one)."""
    import io
    import xml.etree.ElementTree as ET

    found = {}
    row, col = 0, -1
    try:
        for event, el in ET.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = el.tag.rpartition("}")[2]
            if event == "start" and tag == "row":
                row, col = int(el.get("r") or row + 1), -1
            elif event == "end" and tag == "c":
                ref = _CELL_REF.fullmatch(el.get("r") or "")
                row, col = (row, col + 1) if ref is None else (int(ref.group(2)), _column(ref.group(1)))
                if el.get("t") == "e":
                    v = next((c.text for c in el if c.tag.rpartition("}")[2] == "v"), None)
                    if v is not None:
                        found[(row, col)] = v
                el.clear()
    except ET.ParseError:  # calamine read it: a layout not foreseen
        return found
    return found


def _midnight(v: dt.date) -> dt.datetime:
    """A date-only cell as the ``datetime`` at its midnight."""
    return dt.datetime(v.year, v.month, v.day)


class _XlsBook:
    """An Excel 97-2003 workbook read with xlrd (sheets loaded on demand)."""

    def __init__(self, path: Path, expected: Message | None) -> None:
        import xlrd

        try:
            self._book = xlrd.open_workbook(str(path), on_demand=True)
        except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct/OSError for bad files
            if str(exc) == "Workbook is encrypted":  # xlrd's words for a FILEPASS record (a password)
                raise InputError(path, Problem(Message("sheet_encrypted"),
                                               expected=Message("sheet_encrypted_expected"))) from None
            raise InputError(path, Problem(Message("sheet_xls_unreadable", detail=library_detail(exc)), expected=expected)) from None
        self.names = tuple(self._book.sheet_names())

    def rows(self, name: str, *, limit: int | None = None) -> Rows:
        sheet = self._book.sheet_by_name(name)
        n = sheet.nrows if limit is None else min(limit, sheet.nrows)
        return [(i + 1, tuple(_xls_value(c, self._book.datemode) for c in sheet.row(i))) for i in range(n)]

    def close(self) -> None:
        self._book.release_resources()


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
                    texts = [v if type(v) is str else cell_text(v) for v in row[: len(names)]]
                    if any(t.strip() for t in texts):
                        data.append((n, texts + [""] * (len(names) - len(texts))))
                return number, names, data
    raise InputError(path, Problem(Message("sheet_no_header"), expected=Message("sheet_no_header_expected")))
