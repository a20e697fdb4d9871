"""Every reference table is validated on load; broken tables are refused with a clear error."""

from __future__ import annotations

import pandas as pd
import pytest

from corridor.errors import ConfigError, ReferenceDataError
from corridor.reference import _tables, economy, hs
from corridor.reference._tables import TableSpec, validate_table
from corridor.reference.conversion import check_weights

SPEC = TableSpec(
    name="demo",
    key=("code",),
    text=("name_en",),
    optional_integer=("iso_numeric",),
    allowed=(("kind", ("country", "group")),),
)


def _frame(**overrides) -> pd.DataFrame:
    base = {"code": ["AAA", "BBB"], "name_en": ["A", "B"], "iso_numeric": ["1", ""], "kind": ["country", "group"]}
    base.update(overrides)
    return pd.DataFrame(base)


def test_a_valid_table_is_typed():
    table = validate_table(_frame(), SPEC)
    assert str(table["iso_numeric"].dtype) == "Int64"
    assert table["iso_numeric"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    ("overrides", "row", "column", "what"),
    [
        ({"code": ["AAA", "AAA"]}, 1, "code", "duplicate key"),
        ({"name_en": ["A", "  "]}, 2, "name_en", "is empty"),
        ({"iso_numeric": ["1", "x1"]}, 2, "iso_numeric", "not an integer"),
        ({"iso_numeric": ["1", "2.5"]}, 2, "iso_numeric", "not an integer"),
        ({"kind": ["country", "region"]}, 2, "kind", "is not one of"),
    ],
)
def test_each_kind_of_failure_names_table_row_and_column(overrides, row, column, what):
    with pytest.raises(ReferenceDataError) as info:
        validate_table(_frame(**overrides), SPEC)
    message = str(info.value)
    assert "'demo'" in message
    assert f"row {row}, column '{column}': " in message
    assert what in message


def test_all_failures_are_reported_not_only_the_first():
    with pytest.raises(ReferenceDataError, match=r"\(3 problem\(s\)\)"):
        validate_table(_frame(name_en=["", ""], kind=["x", "group"]), SPEC)


def test_a_missing_column_is_reported():
    with pytest.raises(ReferenceDataError, match="missing column"):
        validate_table(_frame().drop(columns="kind"), SPEC)


def test_weights_not_summing_to_one_are_refused():
    table = pd.DataFrame({"source_code": ["010121", "010121"], "target_code": ["010111", "010119"], "weight": [0.5, 0.4]})
    with pytest.raises(ReferenceDataError, match="do not sum to 1.*010121"):
        check_weights(table, name="demo weights")
    table.loc[1, "weight"] = 0.5
    assert len(check_weights(table, name="demo weights")) == 2


def _break(monkeypatch, module, filename: str, row: int, column: str, value: str) -> None:
    """Make ``module`` read ``filename`` with one cell changed."""
    real = _tables.read_packaged

    def broken(name: str) -> pd.DataFrame:
        table = real(name)
        if name == filename:
            table.loc[row, column] = value
        return table

    monkeypatch.setattr(module, "read_packaged", broken)


def test_a_broken_packaged_table_is_refused_on_load(monkeypatch, fresh_caches):
    _break(monkeypatch, economy, "trade_economies.tsv", 3, "name_ru", "")
    with pytest.raises(ReferenceDataError, match=r"(?s)'trade_economies.tsv'.*row 4, column 'name_ru': is empty"):
        economy.economies()


def test_a_broken_section_table_is_refused_on_load(monkeypatch, fresh_caches):
    _break(monkeypatch, hs, "hs_sections.tsv", 1, "section", "I")
    with pytest.raises(ReferenceDataError, match=r"(?s)'hs_sections.tsv'.*duplicate key"):
        hs.hs_sections()


def test_an_alias_of_an_unknown_economy_is_refused(monkeypatch, fresh_caches):
    _break(monkeypatch, economy, "economy_aliases.tsv", 0, "code", "ZZZ")
    with pytest.raises(ReferenceDataError, match=r"'economy_aliases.tsv': row 1, column 'code': 'ZZZ'"):
        economy.economy_aliases()


def test_options_are_checked_with_the_allowed_values_listed():
    from corridor.options import NameLanguage, check

    with pytest.raises(ConfigError, match="en, ru, zh"):
        check("de", NameLanguage, field="lang")
