"""The one workbook reader (corridor.sources._sheets): the cell model every importer, the
deal ledger and the roadmap rely on, whatever library reads the file (python-calamine for
.xlsx, xlrd for .xls), and the keyed errors of a file it cannot read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corridor.errors import InputError
from corridor.sources._sheets import cell_text, open_workbook, workbook_sheets


def _xlsx(path: Path) -> Path:
    """A workbook written by xlsxwriter, which saves formulas with the values Excel would
    have computed (openpyxl saves none)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["code", "n", "when"])
    ws.write_string(1, 0, "0101")  # a code with a leading zero stays text
    ws.write_number(1, 1, 12)
    ws.write_datetime(1, 2, dt.datetime(2024, 3, 1), wb.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write_string(2, 0, "00")
    ws.write_number(2, 1, 12.5)
    ws.write_datetime(2, 2, dt.datetime(2024, 3, 1, 6, 30), wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
    ws.write_formula(3, 1, "=B2*2", None, 24)  # the value Excel saved with the formula
    ws.write_formula(4, 1, "=B2*3")  # xlsxwriter saves 0 as the value when given none
    ws.write_boolean(4, 2, True)
    ws.merge_range("A6:C6", "merged")
    ws.write_string(7, 2, "last")  # row 7 empty
    wb.add_worksheet("Empty")
    off = wb.add_worksheet("Offset")  # first cells in C3: row numbers still count from row 1
    off.write_string(2, 2, "x")
    off.write_number(3, 3, 5)
    wb.close()
    return path


def test_the_cell_model_of_an_xlsx(tmp_path):
    sheets = dict(workbook_sheets(_xlsx(tmp_path / "t.xlsx")))
    assert list(sheets) == ["Data", "Empty", "Offset"]
    data = sheets["Data"]
    assert [n for n, _ in data] == [1, 2, 3, 4, 5, 6, 7, 8]
    rows = [cells for _, cells in data]
    assert rows[0] == ("code", "n", "when")
    assert rows[1] == ("0101", 12, dt.datetime(2024, 3, 1))  # a date-only cell is a datetime at midnight
    assert type(rows[1][2]) is dt.datetime
    assert rows[2] == ("00", 12.5, dt.datetime(2024, 3, 1, 6, 30))
    assert rows[3] == (None, 24, None)
    assert rows[4] == (None, 0, True)
    assert rows[5] == ("merged", None, None)  # a merged range: its top-left cell only
    assert rows[6] == (None, None, None) and rows[7] == (None, None, "last")
    assert [cell_text(v) for v in rows[1]] == ["0101", "12", "202403"]
    assert sheets["Empty"] == []
    assert sheets["Offset"] == [(1, (None,) * 4), (2, (None,) * 4), (3, (None, None, "x", None)),
                                (4, (None, None, None, 5))]


def test_limit_and_one_sheet_by_name(tmp_path):
    path = _xlsx(tmp_path / "t.xlsx")
    assert [n for _, rows in workbook_sheets(path, limit=2) for n, _ in rows] == [1, 2, 1, 2]
    with open_workbook(path) as book:
        assert book.names == ("Data", "Empty", "Offset")
        assert book.rows("Offset", limit=3)[-1] == (3, (None, None, "x", None))


def test_a_formula_saved_without_its_value_is_empty(tmp_path):
    import openpyxl  # saves formulas with no computed value, as a script would

    wb = openpyxl.Workbook()
    wb.active.append([2, "=A1*2", "  "])
    wb.save(tmp_path / "f.xlsx")
    assert workbook_sheets(tmp_path / "f.xlsx") == [("Sheet", [(1, (2, None, None))])]


def test_a_formula_error_reads_as_its_text(tmp_path):
    """A formula whose saved value is an error (``t="e"``) reads as the error's text, as
    openpyxl and xlrd give it, so that an importer refuses it as not a number instead of
    taking it for an empty cell (python-calamine gives it as empty)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "e.xlsx"))
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["a", "b"])
    ws.write_formula(1, 1, "=1/0", None, "#DIV/0!")
    ws.write_formula(2, 0, "=NA()", None, "#N/A")
    ws.write_number(2, 1, 5)
    wb.close()
    assert workbook_sheets(tmp_path / "e.xlsx") == [("Data", [(1, ("a", "b")), (2, (None, "#DIV/0!")),
                                                              (3, ("#N/A", 5))])]


def _xls(path: Path) -> Path:
    import xlwt  # the test extra's writer of Excel 97-2003 files

    book = xlwt.Workbook()
    ws = book.add_sheet("Data")
    ws.write(0, 0, "code")
    ws.write(1, 0, "0101")
    ws.write(1, 1, 12)
    book.save(str(path))
    return path


def test_the_content_decides_not_the_name(tmp_path):
    """An .xlsx saved under an .xls name and an .xls under an .xlsx name are read as what
    they are; both give the same cells."""
    xlsx_as_xls = tmp_path / "a.xls"
    xlsx_as_xls.write_bytes(_xlsx(tmp_path / "t.xlsx").read_bytes())
    assert workbook_sheets(xlsx_as_xls)[0][1][1] == (2, ("0101", 12, dt.datetime(2024, 3, 1)))
    xls_as_xlsx = tmp_path / "b.xlsx"
    xls_as_xlsx.write_bytes(_xls(tmp_path / "t.xls").read_bytes())
    assert workbook_sheets(xls_as_xlsx) == [("Data", [(1, ("code", None)), (2, ("0101", 12.0))])]


@pytest.mark.parametrize("damage", ["cut", "noise", "bad sheet"])
def test_a_damaged_xlsx_is_a_keyed_error_naming_the_file(tmp_path, damage):
    import zipfile

    good = _xlsx(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    if damage == "cut":
        bad.write_bytes(good.read_bytes()[:1500])
    elif damage == "noise":
        bad.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    else:  # a readable zip whose sheet part is not XML
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
            for item in src.infolist():
                body = src.read(item)
                dst.writestr(item, b"<worksheet><sheetData><row" if item.filename == "xl/worksheets/sheet1.xml" else body)
    with pytest.raises(InputError) as err:
        workbook_sheets(bad)
    assert err.value.path == str(bad)
    assert err.value.problems[0].message.key == "map_xlsx_unreadable"
    assert "bad.xlsx" in str(err.value) and "not a readable .xlsx workbook" in str(err.value)


def _ole2_entry_renamed(path: Path, old: str, new: str) -> None:
    """Rename a stream of an OLE2 compound file in its directory entry (name: 64 bytes of
    UTF-16LE, then its length in bytes with the terminating zero, [MS-CFB] 2.6.1)."""
    data = bytearray(path.read_bytes())
    at = data.index(old.encode("utf-16-le") + b"\x00\x00")
    name = new.encode("utf-16-le") + b"\x00\x00"
    data[at:at + 64] = name.ljust(64, b"\x00")
    data[at + 64:at + 66] = len(name).to_bytes(2, "little")
    path.write_bytes(bytes(data))


def test_a_password_protected_workbook_is_named_as_such(tmp_path):
    """Excel keeps a password-protected .xlsx in an OLE2 compound file holding an
    ``EncryptedPackage`` stream; a protected .xls has a FILEPASS record.  Both are refused
    with the same keyed error, not as a damaged .xls."""
    xlsx = _xls(tmp_path / "secret.xlsx")
    _ole2_entry_renamed(xlsx, "Workbook", "EncryptedPackage")

    import xlwt
    from xlwt.CompoundDoc import XlsDoc

    book = xlwt.Workbook()
    book.add_sheet("Data").write(0, 0, "x")
    biff = book.get_biff_data()
    assert biff[:2] == b"\x09\x08"  # BOF (record 0x0809, 16 bytes), then FILEPASS (0x002F, RC4)
    xls = tmp_path / "secret.xls"
    XlsDoc().save(str(xls), biff[:20] + b"\x2f\x00\x06\x00\x01\x00\x01\x00\x01\x00" + biff[20:])

    for path in (xlsx, xls):
        with pytest.raises(InputError) as err:
            workbook_sheets(path)
        assert err.value.path == str(path)
        assert err.value.problems[0].message.key == "sheet_encrypted"
        assert "protected by a password" in str(err.value)
        assert "книга защищена паролем" in err.value.render("ru")


def test_the_caller_says_what_it_expected(tmp_path):
    from corridor.messages import Message

    bad = tmp_path / "deals.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(InputError) as err:
        with open_workbook(bad, expected=Message("deal_xlsx_file")):
            pass
    assert err.value.problems[0].expected == Message("deal_xlsx_file")
