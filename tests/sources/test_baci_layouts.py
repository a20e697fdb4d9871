"""BACI release zips of other vintages than the current: the 'b' re-release names
(BACI_HS92_V202401b.zip), the country table of releases before 2023 (BOM, iso_3digit_alpha
column, as in the 202201 release), product tables whose descriptions are quoted and hold
commas, a quoted header and values padded with spaces.  Figures invented."""

from __future__ import annotations

import duckdb

from corridor.sources import baci

from .test_baci import write_zip

OLD_CODES = ("\ufeffcountry_code,country_name_abbreviation,country_name_full,iso_2digit_alpha,iso_3digit_alpha\n"
             "156,China,China,CN,CHN\n398,Kazakhstan,Kazakhstan,KZ,KAZ\n"
             '490,"Other Asia, nes","Other Asia, not elsewhere specified",N/A,N/A\n')
PRODUCTS = 'code,description\n010121,"Horses: live, pure-bred breeding animals"\n270900,"Petroleum oils, crude"\n'
ROWS = ['"1995","398","156","10121","   1.500","        NA"',
        '"1995","156","398","270900","12345.678","   2.5"',
        ' 1995, 398, 490, 270900 ,  0.25 , ']


def test_b_release_old_country_table_quoted_padded(tmp_path):
    z = write_zip(tmp_path / "BACI_HS92_V202401b.zip", {
        "BACI_HS92_Y1995_V202401b.csv": '"t","i","j","k","v","q"\n' + "\n".join(ROWS) + "\n",
        "country_codes_V202401b.csv": OLD_CODES,
        "product_codes_HS92_V202401b.csv": PRODUCTS,
        "Readme.txt": "BACI\n",
    })
    assert baci.detect(z) and baci.release_years(z) == (1995,)
    with duckdb.connect() as con:
        for with_lines in (False, True):
            parsed = baci.parse(con, z, with_lines=with_lines)
            assert (parsed.release, parsed.constants["classification"]) == ("V202401b", "HS92")
            got = con.execute(f"SELECT reporter, partner, year, product_code, value_usd, quantity FROM ({parsed.line_sql}) "
                              "ORDER BY value_usd").fetchall()
            assert got == [("KAZ", "OAS", 1995, "270900", 250.0, None), ("KAZ", "CHN", 1995, "010121", 1500.0, None),
                           ("CHN", "KAZ", 1995, "270900", 12345678.0, 2.5)]
