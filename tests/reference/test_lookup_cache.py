"""The on-disk cache of the code lookups an ingest needs (corridor.reference._lookups)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from corridor.reference import _lookups, economy, hs

PROBE = textwrap.dedent(
    """
    import json, sys
    from corridor import reference
    out = {
        "numeric": {str(k): v for k, v in reference.numeric_to_code().items()},
        "codes": sorted(reference.economy_codes()),
        "aliases": reference.economy_aliases(),
        "hs17": sorted(reference.product_codes("H5", "hs6")),
        "pandas": "pandas" in sys.modules,
        "builders": [m for m in ("corridor.reference.economy", "corridor.reference.hs") if m in sys.modules],
    }
    print(json.dumps(out))
    """
)


def probe(cache: str) -> dict:
    env = {**os.environ, "CORRIDOR_REFERENCE_CACHE": cache}
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
    return json.loads(proc.stdout)


def test_a_second_process_reads_the_lookups_without_building_them(tmp_path):
    first = probe(str(tmp_path))  # builds and writes
    assert first["pandas"] and first["builders"]
    names = sorted(p.name.rsplit("-", 1)[0] for p in tmp_path.glob("*.json"))
    assert names == ["economy_aliases", "economy_codes", "numeric_to_code", "product_codes-HS17-hs6"]
    second = probe(str(tmp_path))  # reads
    assert not second["pandas"] and not second["builders"]
    off = probe("off")  # the builders themselves: the outside reference of the cached values
    for key in ("numeric", "codes", "aliases", "hs17"):
        assert first[key] == second[key] == off[key]
    assert second["numeric"]["398"] == "KAZ" and "CN-XJ" in second["codes"] and len(second["hs17"]) > 5000


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_REFERENCE_CACHE", str(tmp_path))
    path = tmp_path / f"economy_codes-{_lookups.cache_key()}.json"
    for damage in ("{not json", json.dumps({"a": 1}), json.dumps([1, 2])):
        path.write_text(damage)
        _lookups._economy_codes.cache_clear()
        assert _lookups.economy_codes() == economy.economy_codes()
        assert json.loads(path.read_text()) == sorted(economy.economy_codes())


def test_an_unwritable_cache_folder_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CORRIDOR_REFERENCE_CACHE", str(blocker / "reference"))
    _lookups._numeric_to_code.cache_clear()
    assert _lookups.numeric_to_code() == economy.numeric_to_code()


def test_the_key_changes_with_the_reference_files(monkeypatch, tmp_path):
    fake = tmp_path / "ref"
    (fake / "data").mkdir(parents=True)
    (fake / "a.py").write_text("x = 1\n")
    (fake / "data" / "t.tsv").write_text("code\nKAZ\n")
    monkeypatch.setattr(_lookups, "HERE", fake)
    _lookups.cache_key.cache_clear()
    before = _lookups.cache_key()
    (fake / "data" / "t.tsv").write_text("code\nKAZ\nCHN\n")
    _lookups.cache_key.cache_clear()
    assert _lookups.cache_key() != before
    _lookups.cache_key.cache_clear()


def test_bad_arguments_get_the_builders_errors(monkeypatch):
    monkeypatch.setenv("CORRIDOR_REFERENCE_CACHE", "off")
    with pytest.raises(Exception) as mine:
        _lookups.product_codes("HS99", "hs6")
    with pytest.raises(Exception) as theirs:
        hs.product_codes("HS99", "hs6")
    assert type(mine.value) is type(theirs.value) and str(mine.value) == str(theirs.value)
    with pytest.raises(Exception, match="hs7|level"):
        _lookups.product_codes("HS17", "hs7")


TABLES = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from corridor.reference import economy, groups, hs
    out = {"economies": economy._economies()}
    for rev, level in (("HS12", "hs4"), ("HS17", "hs6"), ("HS92", "hs2")):
        out[f"groups-{rev}-{level}"] = groups._groups(rev, level)
    for rev, level in (("HS12", "hs6"), ("HS17", "hs6"), ("HS22", "hs2"), ("HS07", "section"), ("HS12", "total")):
        out[f"products-{rev}-{level}"] = hs._products(rev, level)
    pd.to_pickle(out, sys.argv[1])
    """
)


def _tables(cache: str, out) -> dict:
    import pandas as pd

    env = {**os.environ, "CORRIDOR_REFERENCE_CACHE": cache}
    subprocess.run([sys.executable, "-c", TABLES, str(out)], env=env, check=True, capture_output=True)
    return pd.read_pickle(out)


def test_cached_reference_tables_are_the_built_tables(tmp_path):
    """Economies, product groups and product names read back from the Parquet cache are
    the tables built from their sources: values, dtypes and the kind of missing values."""
    import pandas as pd

    built = _tables("off", tmp_path / "built.pkl")
    cache = tmp_path / "cache"
    first = _tables(str(cache), tmp_path / "first.pkl")  # builds and writes
    assert sorted(p.name.rsplit("-", 1)[0] for p in cache.glob("*.parquet")) == sorted(built)
    again = _tables(str(cache), tmp_path / "again.pkl")  # reads
    for name, table in built.items():
        for other in (first[name], again[name]):
            pd.testing.assert_frame_equal(other, table, check_exact=True)
            for column in table.columns[table.dtypes == object]:
                assert [type(v) for v in other[column]] == [type(v) for v in table[column]], (name, column)
    assert "CN-XJ" in set(again["economies"].code) and len(again["products-HS17-hs6"]) > 5000


def test_a_damaged_cached_table_is_rebuilt(tmp_path, monkeypatch):
    from corridor.reference import economy

    monkeypatch.setenv("CORRIDOR_REFERENCE_CACHE", str(tmp_path))
    path = tmp_path / f"economies-{_lookups.cache_key()}.parquet"
    path.write_bytes(b"PAR1 not really")
    table = _lookups.cached_frame("economies", economy._build_economies)
    assert len(table) > 250 and path.read_bytes()[:4] == b"PAR1" and path.stat().st_size > 1000
    again = _lookups.cached_frame("economies", lambda: (_ for _ in ()).throw(AssertionError("rebuilt")))
    assert again.equals(table)
