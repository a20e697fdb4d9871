"""Errors speak Russian: every error text is a keyed message (corridor.error_texts, merged
into corridor.messages.TEXTS) with both languages and the same parameters; the CLI (--lang /
CORRIDOR_LANG), the HTTP API (lang=) and the dashboard render a bad input's error in Russian
with no English word left, while the English text stays what it was.

The English-word check is strict: it removes only what is not prose (values quoted from the
user's input, «names», paths and file names, --options, KEY=VALUE, $VARIABLES, codes in
capitals, [toml.sections], function()) and the few proper names and formats listed in
:data:`KEPT`; option values are
codes the user types (``corridor.options``), so they are kept as well.
"""

from __future__ import annotations

import json
import re
import string
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor import options
from corridor.cli.main import app
from corridor.error_texts import ERRORS
from corridor.errors import CorridorError, InputError, OptionError, Problem, error_document
from corridor.messages import TEXTS, Message
from tests.sources.test_bns import _book as bns_book

#: Proper names, formats and protocol words a Russian error may hold.
KEPT = {"corridor", "comtrade", "baci", "wits", "cepii", "json", "toml", "yaml", "xlsx", "parquet", "html", "http",
        "multipart", "form", "data", "bearer", "authorization", "token", "deflate", "bzip2", "lzma", "pyspark", "spark",
        "java", "python", "none", "true", "false", "auto", "null", "pypi", "alpha", "windows"}


def _codes() -> set[str]:
    """Every allowed value of corridor.options (codes the user types) and the answers' names."""
    from corridor.answers.registry import ANSWERS

    found: set[str] = set(ANSWERS)
    for name in dir(options):
        alias = getattr(options, name)
        if typing.get_origin(alias) is typing.Literal:
            found |= {str(v).lower() for v in typing.get_args(alias)}
    return found


CODES = _codes()
QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|«[^»\n]*»|`[^`\n]*`")
NOT_PROSE = re.compile(r"\S*[/\\=$_|]\S*|--?[\w-]+|\S+\.\w+|\b[A-Z][A-Z0-9-]+\b|<[^>\s]*>|\{[^}]*\}|\[\[?\w+\]\]?|\w+\(\)")


def english_words(text: str) -> set[str]:
    """The English words (4+ Latin letters) of ``text`` outside quotes, names and codes."""
    prose = NOT_PROSE.sub(" ", QUOTED.sub(" ", text))
    words = {w.lower() for w in re.findall(r"(?<![\w-])[A-Za-z]{4,}(?![\w-])", prose)}
    return {w for w in words if w not in KEPT and w not in CODES}


def _fields(template: str) -> set[str]:
    """The parameter names of a template (``{n#row}`` and ``{value!r:>5}`` name ``n``,
    ``value``) and the caller's parameters it names (``{@workspace PATH}``: ``@workspace``;
    the metavariable is the language's own)."""
    return {name.split()[0] if name.startswith("@") else name.partition("#")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def _sample(key: str) -> dict[str, object]:
    """A value for every parameter of ``key``: a number where the text formats one."""
    params: dict[str, object] = {}
    for lang in ("en", "ru"):
        for _, name, spec, conv in string.Formatter().parse(TEXTS[key][lang]):
            if not name or name.startswith("@"):  # a caller's parameter, spelled by the adapter
                continue
            base, _, noun = name.partition("#")
            if noun == "january_to":  # the months January to N (corridor.words.SPAN)
                params[base] = 9
            elif noun and noun != "_":
                params[base] = 22
            elif spec or base in ("n", "line", "total"):
                params[base] = 22.5 if spec and spec[-1] == "f" else 22
            elif noun == "_":
                params.setdefault(base, "export")
            else:
                params.setdefault(base, "x")
    return params


def test_every_message_key_has_both_languages_with_the_same_parameters():
    for key, texts in TEXTS.items():
        assert set(texts) == {"en", "ru"}, key
        assert _fields(texts["en"]) == _fields(texts["ru"]), key


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_every_error_text_renders_in_russian_without_english_words(key):
    m = Message(key, **_sample(key))
    ru = m.render("ru")
    assert ru != str(m) or not english_words(str(m)), key  # a text of codes alone may read the same
    assert not english_words(ru), (key, ru, english_words(ru))


def test_the_english_word_check_finds_english():
    assert english_words("the file is empty; ожидалось: «a header»") == {"file", "empty"}
    assert english_words("строка 3, поле «Year»: не число (получено: 'abc'); ожидалось: год") == set()


def test_problem_framing_and_the_error_document_in_russian():
    exc = InputError("data.csv", [Problem(Message("err_not_a_number"), line=3, field="Year", value="20x3",
                                          expected=Message("err_a_year_such_as", year=2024))])
    assert str(exc) == ("data.csv: line 3, field 'Year': not a number (got '20x3'); expected a year such as 2024. "
                        "Nothing was stored.")
    doc = error_document(exc, "ru")
    assert doc["message"] == ("data.csv: строка 3, поле «Year»: не число (получено: '20x3'); ожидалось: год, "
                              "например 2024. Ничего не сохранено.")
    assert doc["problems"][0]["message"] == "не число" and doc["problems"][0]["expected"] == "год, например 2024"
    assert error_document(exc)["message"] == str(exc)  # English by default, as before
    many = InputError("d.csv", [Problem(Message("err_missing_value"), line=n) for n in range(2, 30)])
    assert many.render("ru").splitlines()[0] == "d.csv: найдено проблем: 28; ничего не сохранено:"
    assert many.render("ru").splitlines()[-1] == "  ... и ещё 8"


def test_a_plain_text_error_stays_as_it_is_in_every_language():
    exc = CorridorError("plain")
    assert exc.render("ru") == "plain" and error_document(exc, "ru")["message"] == "plain"
    assert error_document(ValueError("x"), "ru")["message"] == "внутренняя ошибка: ValueError"


def test_an_option_error_names_the_field_and_the_allowed_values_in_russian():
    with pytest.raises(OptionError) as info:
        options.check("hs9", options.Level, field="level")
    assert str(info.value) == "level 'hs9' is not allowed; expected one of: hs2, hs4, hs6"
    assert info.value.render("ru") == "недопустимое значение «level»: 'hs9'; ожидалось одно из: hs2, hs4, hs6"


# -- bad inputs through the CLI ------------------------------------------------------------

WITS_HEADER = ('"Nomenclature","ReporterISO3","ProductCode","ReporterName","PartnerISO3","PartnerName","Year",'
               '"TradeFlowName","TradeFlowCode","TradeValue in 1000 USD"')
WITS_ROW = '"H4","KAZ","0101","Kazakhstan","CHN","China","2023","Export","6","355.509"'
COMTRADE_HEADER = ("typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,"
                   "flowDesc,partnerCode,partnerISO,partnerDesc,classificationCode,cmdCode,cmdDesc,aggrLevel,"
                   "primaryValue")
COMTRADE_ROW = "C,A,20230101,2023,52,2023,398,KAZ,Kazakhstan,X,Export,156,CHN,China,H6,0101,Horses,4,1000"
MAPPING = """source = "kz-stat"
[fields]
reporter = { const = "KAZ" }
partner = { column = "partner" }
flow = { const = "export" }
year = { column = "year" }
classification = { const = "HS12" }
product_level = { const = "hs4" }
product_code = { column = "code" }
value_usd = { column = "value" }
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _cli(args: list[str], *, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, args, env=env or {})
    return res.exit_code, res.stdout, res.stderr


def _ingest_cases(tmp: Path) -> dict[str, list[str]]:
    """name -> the `corridor ingest` arguments of one bad input (each importer, a mapping)."""
    wits = _write(tmp / "wits.csv", "\n".join([WITS_HEADER, WITS_ROW, '"H4","KAZ","0102","Kazakhstan","CHN"']) + "\n")
    comtrade = _write(tmp / "comtrade.csv", "\n".join([COMTRADE_HEADER, COMTRADE_ROW.replace(",1000", ",12x")]) + "\n")
    baci = _write(tmp / "BACI_HS17_Y2022_V202401.csv", "t,i,j,k,v,q\n2022,398,156,010121,1.5,2\n2022,398,abc,010121,1,2\n")
    table = _write(tmp / "table.csv", "partner,year,code,value\nCHN,2023,0101,100\nCHN,20x3,0102,5\n")
    gacc = tmp / "出口.csv"
    gacc.write_bytes("数据年月,进出口,商品编码,贸易伙伴名称,注册地名称,美元\n202401,出口,8429,哈萨克斯坦,新疆,5\n"
                     "202401,出口,8429,哈萨克斯坦,火星省,5\n202401,出口,8429\n".encode("gbk"))
    year_query = ('"商品编码","商品名称","贸易伙伴编码","贸易伙伴名称","美元",\n'
                  '"84295210","挖掘机","145","哈萨克斯坦","5",\n').encode("gbk")  # the platform's year query: no period
    (tmp / "export-2025-65.csv").write_bytes(year_query)
    (tmp / "export-202403-202409.csv").write_bytes(year_query)
    bns = bns_book(tmp, [("Китай", 1.0, 2.0), ("Атлантида", 3.0, "много")])  # tests/sources/test_bns.py's layout
    (tmp / "commodities").mkdir(exist_ok=True)
    commodities = bns_book(tmp / "commodities", [("0101", 1.0, 2.0), ("Китай", 1.0, 2.0)])  # a commodity table's row
    mapping = _write(tmp / "map.toml", MAPPING)
    bad_key = _write(tmp / "bad.toml", MAPPING + "colour = \"red\"\n")
    return {
        "wits malformed row": ["--source", "wits", str(wits)],
        "comtrade bad value": ["--source", "comtrade", str(comtrade)],
        "baci bad code": ["--source", "baci", str(baci)],
        "gacc short row and unknown place": ["--source", "gacc", str(gacc)],
        "gacc year query, no period in the name": ["--source", "gacc", str(tmp / "export-2025-65.csv")],
        "gacc year query, a range not from January": ["--source", "gacc", str(tmp / "export-202403-202409.csv")],
        "bns unknown partner and text value": ["--source", "bns", str(bns)],
        "bns commodity by country table": ["--source", "bns", str(commodities)],
        "table bad year": ["--source", "table", "--mapping", str(mapping), str(table)],
        "unknown mapping key": ["--source", "table", "--mapping", str(bad_key), str(table)],
        "missing file": [str(tmp / "nowhere.csv")],
    }


def test_bad_ingests_are_refused_in_russian_with_no_english_word(tmp_path: Path):
    ws = tmp_path / "ws"
    for name, args in _ingest_cases(tmp_path).items():
        code, out, err = _cli(["ingest", "--workspace", str(ws), "--lang", "ru", *args])
        assert code == 2, (name, out, err)
        assert err.startswith("ошибка: "), (name, err)
        assert not english_words(err), (name, err, english_words(err))
        code_en, _, err_en = _cli(["ingest", "--workspace", str(ws), *args])
        assert err_en.startswith("error: ") and english_words(err_en), (name, err_en)  # English stays English


@pytest.mark.parametrize("args", [
    ["monitor", "KAZ", "Atlantis"],                              # unknown economy
    ["monitor", "KAZ", "CHN", "--from", "2024", "--to", "2020"],  # bad year range
    ["monitor", "KAZ", "CHN", "--level", "hs9"],                 # bad option
    ["monitor", "KAZ", "CHN", "--format", "xml"],
    ["provenance"],                                              # no workspace there
], ids=["unknown economy", "bad year range", "bad level", "bad format", "missing workspace"])
def test_bad_options_are_refused_in_russian_on_the_cli(tmp_path: Path, args):
    args = [*args, "--workspace", str(tmp_path / "none")]
    for how in ("option", "environment"):
        full = [*args, "--lang", "ru"] if how == "option" else args
        code, out, err = _cli(full, env={"CORRIDOR_LANG": "ru"} if how == "environment" else None)
        assert code == 2 and err.startswith("ошибка: "), (args, out, err)
        assert not english_words(err), (args, err, english_words(err))


def test_the_json_error_document_of_the_cli_is_russian(tmp_path: Path):
    code, out, err = _cli(["monitor", "KAZ", "Atlantis", "--format", "json", "--lang", "ru",
                           "--workspace", str(tmp_path / "none")])
    doc = json.loads(out)
    assert code == 2 and doc["schema"] == "corridor.error/1"
    texts = [doc["message"], *(p["message"] for p in doc["problems"]), *(p["expected"] or "" for p in doc["problems"])]
    assert all(not english_words(t) for t in texts), texts


def test_removal_reasons_are_kept_with_their_keys_and_shown_in_russian(tmp_path: Path):
    from tests.store.helpers import simple_parsed, write

    from corridor.store import Workspace

    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2020,0101,5"])))
        iid = ws.connection.execute("SELECT ingest_id FROM provenance").fetchall()[0][0]
        ws.remove([iid])
    code, out, _ = _cli(["provenance", "--removed", "--format", "json", "--lang", "ru", "--workspace", str(ws_path)])
    removed = json.loads(out)["removed"]
    assert code == 0 and removed[0]["reason"] == "удалено пользователем"
    assert removed[0]["reason_key"] == {"key": "rm_by_user", "params": {}}
    code, out, _ = _cli(["provenance", "--removed", "--format", "json", "--workspace", str(ws_path)])
    assert json.loads(out)["removed"][0]["reason"] == "removed by the user"


def test_the_english_of_converted_raise_sites_is_the_english_of_before(tmp_path: Path):
    """Keying an error keeps ``str(exc)`` as it was (the texts of 3381a88, before the keys);
    two sites had been given a neighbour's key whose English differs."""
    import pandas as pd

    from corridor.opportunities.strategy import score
    from corridor.synthetic.baci import generate

    with pytest.raises(CorridorError) as e:
        score(pd.DataFrame({"pci": [1.0]}), market_weight=1.5)
    assert str(e.value) == "market_weight must be between 0 and 1; got 1.5"
    assert e.value.render("ru") == "«market_weight» должно быть от 0 до 1; получено: 1.5"
    with pytest.raises(CorridorError) as e:
        generate(tmp_path / "x.zip", year=2020, classification="HS99")
    assert str(e.value) == ("classification 'HS99' is not a BACI classification; expected one of "
                            "HS92, HS96, HS02, HS07, HS12, HS17, HS22")
    assert not english_words(e.value.render("ru").replace("BACI", ""))


@pytest.mark.parametrize(("key", "params", "ru"), [
    ("err_bytes", {"n": 1_002}, "1\u00a0002 байта"),
    ("err_bytes", {"n": 21}, "21 байт"),
    ("err_at_most_bytes", {"n": 1}, "не более 1 байта"),
    ("web_upload_size", {"size": 2_000_003, "limit": 1_000_000},
     "размер загрузки 2\u00a0000\u00a0003 байта; сервер принимает не более 1\u00a0000\u00a0000"),
    ("web_body_passed", {"limit": 1_024}, "тело запроса превысило 1\u00a0024 байта — предел этого адреса"),
    ("err_text_too_long", {"n": 100_001, "limit": 100_000},
     "текст из 100\u00a0001 символа слишком длинный; допускается не более 100\u00a0000"),
    ("ws_damaged_file_size", {"file": "f", "problem": "cut", "got": 3, "size": 10}, None),
])
def test_a_count_of_bytes_or_characters_takes_its_russian_form(key, params, ru):
    """«1 002 байта», «21 байт», «не более 1 байта», «из 100 001 символа»: the form after a
    number (corridor.words), not «байт» / «символов» whatever the number."""
    text = Message(key, **params).render("ru")
    if ru is None:
        assert "3 байта из 10" in text, text
    else:
        assert text == ru


def test_russian_adjectives_with_ne_are_written_as_one_word():
    """«нечитаемый архив», «некорректный ответ», «нечисловой код» (an adjective without a
    contrast or dependent words takes «не» joined: Rosenthal, *Справочник по правописанию и
    стилистике*, «не» with adjectives), as the catalogue's
    «нечисловое значение»; the keyed errors had «не читаемый», «не корректный»."""
    split = re.compile(r"\bне (читаем|корректн|числов)\w*")
    assert [(k, v["ru"]) for k, v in TEXTS.items() if split.search(v["ru"])] == []


def test_a_spreadsheet_program_is_a_tabular_editor_in_russian():
    """«открытая в электронной таблице» (opened *in a spreadsheet*) reads as a table inside a
    table; the program is «табличный редактор»."""
    texts = [v["ru"] for v in TEXTS.values()]
    assert not [t for t in texts if re.search(r"(открытая|сохранени\w*) в электронной таблице", t)]
    assert Message("sheet_html_expected").render("ru") == "таблица, открытая в табличном редакторе и сохранённая как .xlsx"


def test_a_file_that_cannot_be_read_is_named_in_russian(tmp_path: Path):
    """`corridor check FILE --lang ru` on a missing file or a folder showed the system's
    English reason («не удаётся прочитать файл: No such file or directory»)."""
    for target, reason in ((tmp_path / "nowhere.txt", "нет такого файла или каталога («No such file or directory»)"),
                           (tmp_path, "это каталог, а не файл («Is a directory»)")):
        code, _, err = _cli(["check", str(target), "--lang", "ru", "--workspace", str(tmp_path / "ws")])
        assert code == 2 and err.rstrip().endswith(f"не удаётся прочитать файл: {reason}. Ничего не сохранено."), err
        assert not english_words(err), err
        _, _, err_en = _cli(["check", str(target), "--workspace", str(tmp_path / "ws")])
        assert "cannot read the file: " in err_en  # the English of before


def test_a_library_text_inside_a_russian_error_is_explained_in_russian(tmp_path: Path):
    """A library's or the system's English text quoted in an error («(File exists)» when a
    workspace cannot be made, an unreadable workbook's «Cannot detect file format») stood
    alone in the Russian text: it is now kept as a detail after a Russian explanation of its
    kind (by errno, or by the exception's module); the English text is as before."""
    import zipfile

    from corridor.errors import WorkspaceError
    from corridor.messages import library_detail, library_kind
    from corridor.store import Workspace

    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "flows").write_text("a file where the folder should be")
    with pytest.raises(WorkspaceError) as e:
        Workspace.open(tmp_path / "ws")
    ru = e.value.render("ru")
    assert "файл или каталог уже существует («[Errno 17] File exists:" in ru and not english_words(ru), ru
    assert "File exists" in str(e.value)
    assert [library_kind(x) for x in (PermissionError(13, "Permission denied"), OSError(28, "No space left on device"),
                                      zipfile.BadZipFile("File is not a zip file"), ValueError("Cannot detect file format"),
                                      UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))] == [
        "permission", "no_space", "zip", "other", "encoding"]
    detail = Message("map_xlsx_unreadable", detail=library_detail(ValueError("Cannot detect file format")))
    assert str(detail) == "not a readable .xlsx workbook: Cannot detect file format"
    assert detail.render("ru") == "нечитаемая книга .xlsx: сообщение библиотеки: «Cannot detect file format»"
    assert Message.of(json.loads(json.dumps(detail.record()))).render("ru") == detail.render("ru")  # as stored


def test_counts_in_error_texts_agree_with_their_number():
    """«для 21 стран» read wrong (21 takes «страны»); the English said "1 countries"."""
    from corridor.messages import Message

    def say(n, lang):
        return Message("syn_too_many", n_rows=10**9, n_countries=n, n_products=n).render(lang)

    assert say(21, "ru").endswith("для 21 страны x 21 товара")
    assert say(5, "ru").endswith("для 5 стран x 5 товаров")
    assert say(1, "en").endswith("for 1 country x 1 product") and say(5, "en").endswith("5 countries x 5 products")


# -- the last English of before: a long list's tail, parameters named as each adapter names them

def test_a_list_of_more_than_200_unknown_codes_ends_in_the_readers_language(tmp_path: Path):
    """The note listing unknown codes shows the first 200 and says how many more: that tail
    was English in Russian («..., Q199 (and 5 more)»)."""
    from tests.store.helpers import simple_parsed, write

    from corridor.messages import load
    from corridor.store import Workspace

    with Workspace.open(tmp_path / "ws") as ws:
        ws.ingest(simple_parsed(write(tmp_path / "a.csv", [f"KAZ,Q{i:03d},2023,0101,1" for i in range(205)])),
                  allow_unknown_codes=True)
        stored = ws.connection.execute("SELECT notes, note_keys FROM provenance").fetchall()[0]
    note = next(n for n in load(stored[1]) if getattr(n, "key", "").startswith("unknown_economies"))
    assert note.render("ru").endswith(", Q199 (и ещё 5)") and "Q200" not in note.render("ru")
    assert note.endswith(", Q199 (and 5 more)") and note in stored[0]  # the English of before
    assert not english_words(note.render("ru").replace("Q", "Й"))


def test_a_caller_s_parameter_is_named_as_the_adapter_names_it():
    """The command line names --months/--monthly/--workspace; the HTTP API and the dashboard
    name query parameters (they take no workspace: the server's is the one it was started
    with); the answer raising the error knows neither."""
    from corridor.messages import spelling
    from corridor.web.errors import query_spelling

    both = Message("mon_months_monthly")
    none = Message("mon_no_figures", economy="KAZ", partner="CHN", y0=2020, y1=2024, what="")
    assert str(both) == ("--months N (January-N of each year) and --monthly (every month) exclude each other; give one")
    assert both.render("ru").startswith("--months N (январь–N каждого года) и --monthly (каждый месяц)")
    assert none.endswith("ingest data first (`corridor ingest ...`), or use a workspace that has them (--workspace PATH)")
    assert none.render("ru").endswith("(`corridor ingest ...`) или используйте рабочее пространство, где они есть "
                                      "(--workspace ПУТЬ)")
    nested = Message("web_bad_request", detail=both)  # a message inside a message is spelled too
    with spelling(query_spelling):
        assert both.render("en").startswith("months=N (January-N of each year) and monthly=true (every month)")
        assert both.render("ru").startswith("months=N (январь–N каждого года) и monthly=true (каждый месяц)")
        assert none.render("en").endswith("ingest data first (POST /api/v1/ingest), or use a workspace that has them "
                                          "(`corridor serve --workspace PATH`)")
        ru = none.render("ru")
        assert "--workspace ПУТЬ`)" in ru and not english_words(ru)
        assert "monthly=true" in nested.render("en") and "--monthly" in str(nested)
    assert "--" not in "".join(english_words(both.render("ru")))



@pytest.mark.parametrize(("key", "params"), [
    ("ws_nothing_to_remove", {}), ("ws_new_release", {}), ("ws_conflict_expected", {}),
    ("ind_mixed_sources", {"level": "hs4", "pairs": "wits/HS12, comtrade/HS17"}),
    # no rows for the asked years: the stored sources named as the caller selects them
    ("ind_no_annual_rows", {"years": "2020", "level": "hs4", "options": "", "stored": Message(
        "ind_stored", items=[Message("ind_stored_item", source="wits", classification="HS12", level="hs4",
                                     years="2015-2024", n=1)])}),
    # an upload to POST /api/v1/ingest that no importer recognises, or source=table without a mapping
    ("err_unrecognised_format", {}), ("err_table_needs_mapping", {}),
    # what a BNS table of commodities by country (refused) should be read with
    ("bns_commodity_expected", {}),
    # an upload with economy codes corridor does not know
    ("val_unknown_economies_expected", {}),
])
def test_texts_an_api_caller_can_meet_name_no_command_line_flag(key, params):
    """Texts the HTTP API can return (removal, a revised file, mixed sources) name query
    parameters there and flags on the command line."""
    from corridor.messages import spelling
    from corridor.web.errors import query_spelling

    m = Message(key, **params)
    assert "--" in m.render("en") and "--" in m.render("ru")  # the command line's spelling
    with spelling(query_spelling):
        for lang in ("en", "ru"):
            assert "--" not in m.render(lang), m.render(lang)

def test_an_api_caller_is_told_of_the_mapping_upload_and_of_no_command():
    """Over HTTP the mapping is a part of the upload, not ``mapping=MAPPING.toml`` (no request
    names a path); the known economy codes are said, not a `corridor reference economies`
    command (which no adapter has)."""
    from corridor.messages import spelling
    from corridor.web.errors import query_spelling

    needs, codes = Message("err_table_needs_mapping"), Message("val_unknown_economies_expected")
    assert str(needs) == "--source table needs --mapping MAPPING.toml (see docs/mapping.md)"
    with spelling(query_spelling):
        assert needs.render("en") == "source=table needs a mapping file uploaded as the part `mapping` (see docs/mapping.md)"
        assert needs.render("ru") == ("для source=table нужен файл сопоставления, загруженный частью `mapping` "
                                      "(см. docs/mapping.md)")
        for lang in ("en", "ru"):
            text = codes.render(lang)
            assert "corridor reference" not in text and "KZ-19, CN-XJ" in text and "allow_unknown_codes=true" in text
    assert "--allow-unknown-codes" in str(codes) and "corridor reference" not in codes.render("ru")


def test_the_cli_names_its_flags_in_russian(tmp_path: Path):
    from corridor.store import Workspace

    Workspace.open(tmp_path / "ws").close()
    code, _, err = _cli(["monitor", "KAZ", "CHN", "--months", "3", "--monthly", "--lang", "ru",
                         "--workspace", str(tmp_path / "ws")])
    assert code == 2 and "--months N (январь–N каждого года) и --monthly" in err, err
    assert not english_words(err), err
    code, _, err = _cli(["monitor", "KAZ", "CHN", "--workspace", str(tmp_path / "ws")])
    assert code == 2 and err.rstrip().endswith("or use a workspace that has them (--workspace PATH)"), err
