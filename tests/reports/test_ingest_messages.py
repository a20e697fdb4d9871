"""Ingest notes are keyed messages: their English text as before, their keys and parameters
stored beside it, and rendered in Russian by `corridor ingest --lang ru`, the ingest document
and `corridor provenance --lang ru` (before, they were English only)."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.error_texts import ERRORS
from corridor.messages import TEXTS, WORDS, Message, dump, load

from ..store.helpers import simple_parsed, write

LATIN_WORD = re.compile(r"(?<![-\w])[a-z]{4,}\b")  # (not an option: --source)
#: Latin words a Russian note may hold: names of files, fields and formats, sources, citations.
KEPT = {"value_multiplier", "primaryvalue", "cifvalue", "fobvalue", "partner2code", "customscode", "motcode", "corridor",
        "reference", "data", "cny_usd_monthly", "gaulier", "zignago", "cepii", "comtrade", "baci", "wits", "total",
        "release", "test", "file", "code", "rows", "sample", "field", "mapping", "response", "csv",
        # the legacy Comtrade column names ('Trade Value (US$)', 'Trade Flow', 'Period', TradeValue), a format,
        # an encoding, a site
        "trade", "value", "flow", "period", "latin", "plus", "tradevalue", "json"}


def _sample(key: str) -> dict[str, object]:
    """Parameters for every field of the message ``key`` (numbers where a count is asked)."""
    names = {n.partition("#")[0].partition("!")[0] for lang in ("en", "ru")
             for _, n, _, _ in string.Formatter().parse(TEXTS[key][lang]) if n}
    numeric = {"n", "rows", "dropped", "more", "multiplier", "factor", "old", "new", "change", "year"}
    return {n: 22 if n in numeric else ([Message("plain", text="x")] if n in ("items", "how") else "export")
            for n in names}


@pytest.mark.parametrize("key", sorted(set(TEXTS) - set(ERRORS)))  # errors: tests/reports/test_error_messages.py
def test_every_message_renders_in_both_languages(key):
    m = Message(key, **_sample(key))
    ru = m.render("ru")
    assert str(m) == m.render("en") and ru and ru != "{" and "{" not in ru
    assert not {w for w in LATIN_WORD.findall(ru.lower()) if w not in KEPT and w not in WORDS}, (key, ru)
    assert load(dump([m]))[0].render("ru") == ru  # stored keys give back the Russian text


def test_counts_take_their_russian_forms():
    assert Message("already_stored", n=21).render("ru").endswith("21 строка")
    assert Message("already_stored", n=22).render("ru").endswith("22 строки")
    assert Message("targets", n=5).render("ru") == "5 целей"
    assert Message("missing_dropped", n=1234, rows=5000).render("ru").startswith("отброшено пропущенных значений: 1\u00a0234 из")
    assert str(Message("missing_dropped", n=1, rows=4)) == "1 missing value(s) of 4 dropped (empty or one of the missing markers)"


def test_ingest_and_provenance_speak_russian(tmp_path: Path):
    ws = tmp_path / "ws"
    run = CliRunner().invoke
    csv = write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1", "KAZ,CHN,2023,0102,2"])
    from corridor.store import Workspace

    with Workspace.open(ws) as w:
        w.ingest(simple_parsed(csv))
        again = w.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,1", "KAZ,CHN,2024,0101,3"])))
    assert any(n.key == "already_stored" for n in again.notes if isinstance(n, Message))
    res = run(app, ["provenance", "--workspace", str(ws), "--lang", "ru", "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    notes = [i["notes"] for i in doc["ingests"]]
    assert any("не сохранены повторно (уже есть в этом выпуске или в другом файле той же выгрузки): 1 строка" in (n or "")
               for n in notes), notes
    assert not any("identical to rows" in (n or "") for n in notes)
    keys = [k["key"] for i in doc["ingests"] for k in i["note_keys"] or []]
    assert "already_stored" in keys
    en = json.loads(run(app, ["provenance", "--workspace", str(ws), "--format", "json"]).stdout)
    assert any("1 row(s) identical to rows already stored" in (i["notes"] or "") for i in en["ingests"])


def test_cli_ingest_prints_its_notes_in_russian(tmp_path: Path):
    root = Path(__file__).resolve().parents[2]
    res = CliRunner().invoke(app, ["ingest", str(root / "examples" / "roadmap_kz_cn_announced.csv"), "--source", "roadmap",
                                   "--workspace", str(tmp_path / "ws"), "--lang", "ru"])
    assert res.exit_code == 0, res.output
    assert "сохранено строк: 2" in res.output and "  - 2 цели" in res.output and "target(s)" not in res.output


def test_a_file_whose_rows_were_stored_from_another_file_says_so():
    """A WITS file restating rows of another file of its download stores them once; the line
    said "stored 0 rows" with no word of the rows kept once."""
    from corridor.reports.ingest import report_lines
    from corridor.store.workspace import IngestReport

    r = IngestReport("stored", "wits-x", "wits", "2015-2024-abcd1234", "/tmp/b.csv", "0" * 64, 120, 0, 120)
    en, = report_lines([r], "en")
    ru, = report_lines([r], "ru")
    assert "stored 0 new rows" in en and "120 rows identical to rows already stored" in en
    assert "сохранено новых строк: 0" in ru and "хранятся один раз): 120" in ru
    plain = IngestReport("stored", "wits-y", "wits", "r", "/tmp/a.csv", "0" * 64, 120, 120, 0)
    assert report_lines([plain], "en") == ["a.csv: stored 120 rows as wits-y (wits, release r)"]


def test_a_file_ingested_again_says_so_in_russian_in_the_ingest_document(tmp_path: Path):
    """The note of an unchanged ingest (trade figures and a dataset) was plain English in the
    JSON document of ``corridor ingest --lang ru`` (and the API's)."""
    root = Path(__file__).resolve().parents[2]
    csv = write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])
    from corridor.store import Workspace

    with Workspace.open(tmp_path / "ws") as w:
        w.ingest(simple_parsed(csv))
        again = w.ingest(simple_parsed(csv))
    assert again.status == "unchanged" and again.notes == ("this file was already ingested; nothing changed",)
    assert [n.render("ru") for n in again.notes] == ["этот файл уже загружен; ничего не изменено"]
    args = ["ingest", str(root / "examples" / "roadmap_kz_cn_announced.csv"), "--source", "roadmap",
            "--workspace", str(tmp_path / "ws2"), "--lang", "ru", "--format", "json"]
    CliRunner().invoke(app, args)
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    files = json.loads(res.stdout)["files"]
    assert [f["notes"] for f in files] == ["этот файл уже загружен; ничего не изменено"], files


def test_a_territory_change_of_a_kazakh_region_is_said_in_russian():
    """The BNS note on a region whose territory changed showed the reference table's English
    note inside the Russian text («(Jetisu Region separated in 2022)»)."""
    from corridor.reference.national import region_changes

    changes = region_changes()
    assert len(changes) >= 8
    for code, (year, what) in changes.items():
        note = Message("territory", code=code, year=year, what=what)
        assert what in str(note)  # English as before
        ru = note.render("ru")
        assert what not in ru and not LATIN_WORD.search(ru.replace(code, "")), ru
