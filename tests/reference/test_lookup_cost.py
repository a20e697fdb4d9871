"""The reference lookups of an ingest are cheap in a fresh process and give the same codes.

``numeric_to_code``, ``economy_aliases`` and ``economy_codes`` need no atlas-common-data (nor
Ibis), and ``product_codes`` reads only the code columns of atlas' files; the code sets of
every revision and level must stay exactly those of the pandas loaders used before.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from corridor.reference import product_codes

#: (classification, level) -> (number of codes, SHA-256 of the sorted codes joined by ",").
#: Produced once with the implementation before this test was added (``_weight_codes`` and
#: ``_atlas_products`` through ``atlas_common_data.load_conversion_weights`` /
#: ``load_products``, atlas-common-data 1.1.1), by running for each pair
#: ``codes = product_codes(rev, level)`` and
#: ``(len(codes), hashlib.sha256(",".join(sorted(codes)).encode()).hexdigest())``.
EXPECTED: dict[tuple[str, str], tuple[int, str]] = {
    ("HS92", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
    ("HS92", "section"): (21, "cd83cf3d3f92b42d412d49de75837a4d37f522ed127f42f3bb492bcb025678af"),
    ("HS92", "group"): (19, "012f147b3447d16ea6f40fb541695224f9696608dcdeb70623b715bc86503171"),
    ("HS92", "hs2"): (97, "5a7e8baf2c9ffb6729a42e0974af8103da7add9c87a903403503fa20649f430e"),
    ("HS92", "hs4"): (1242, "38bcaf7b47c61fed786e5c12d58d9ff19f2def01bc56d70496fdf1d7d4d8be41"),
    ("HS92", "hs6"): (5040, "3a1d1a268fc3ee799ed47f2ee162bb73e432b3b900badeebbaa2a4b91a0a8974"),
    ("HS96", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
    ("HS96", "section"): (21, "cd83cf3d3f92b42d412d49de75837a4d37f522ed127f42f3bb492bcb025678af"),
    ("HS96", "group"): (19, "012f147b3447d16ea6f40fb541695224f9696608dcdeb70623b715bc86503171"),
    ("HS96", "hs2"): (97, "5a7e8baf2c9ffb6729a42e0974af8103da7add9c87a903403503fa20649f430e"),
    ("HS96", "hs4"): (1242, "500b320f639b5b81d9f296c78c611108bf97717c85ee020a67736ff186cfc24f"),
    ("HS96", "hs6"): (5133, "3dd4dcd5316a7a81afa229432d03409c91695f957d9e6495b6ecd0f61f629c69"),
    ("HS02", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
    ("HS02", "section"): (21, "cd83cf3d3f92b42d412d49de75837a4d37f522ed127f42f3bb492bcb025678af"),
    ("HS02", "group"): (19, "012f147b3447d16ea6f40fb541695224f9696608dcdeb70623b715bc86503171"),
    ("HS02", "hs2"): (97, "5a7e8baf2c9ffb6729a42e0974af8103da7add9c87a903403503fa20649f430e"),
    ("HS02", "hs4"): (1245, "1938c542bb51dedeae43861a4f1c796dc085d1025e1a15ea196919230b9da6ca"),
    ("HS02", "hs6"): (5225, "2088cc1ca8786fe94142d4194c6926c230fd9da8c894f36307caff8fd856c4bb"),
    ("HS07", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
    ("HS07", "section"): (21, "cd83cf3d3f92b42d412d49de75837a4d37f522ed127f42f3bb492bcb025678af"),
    ("HS07", "group"): (19, "012f147b3447d16ea6f40fb541695224f9696608dcdeb70623b715bc86503171"),
    ("HS07", "hs2"): (97, "5a7e8baf2c9ffb6729a42e0974af8103da7add9c87a903403503fa20649f430e"),
    ("HS07", "hs4"): (1222, "f9583ee0763836a4e822adf3f94da15e17f32891a1a8dbaca869af1d95e1c984"),
    ("HS07", "hs6"): (5053, "e7858243f295e8610e31222d0d4f5cb9771bfd26fd863a6250eb185e82759192"),
    ("HS12", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
    ("HS12", "section"): (21, "cd83cf3d3f92b42d412d49de75837a4d37f522ed127f42f3bb492bcb025678af"),
    ("HS12", "group"): (19, "012f147b3447d16ea6f40fb541695224f9696608dcdeb70623b715bc86503171"),
    ("HS12", "hs2"): (97, "5a7e8baf2c9ffb6729a42e0974af8103da7add9c87a903403503fa20649f430e"),
    ("HS12", "hs4"): (1225, "a949935d5d78cdc9101c3096fbae711f52d423b81b87dc17cae7c73ef10e8c40"),
    ("HS12", "hs6"): (5206, "284a62843f6e80d4647e2d81fdda502a873b7c16a818bba7952d0cfe5c0ca01d"),
    ("HS17", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
    ("HS17", "section"): (21, "cd83cf3d3f92b42d412d49de75837a4d37f522ed127f42f3bb492bcb025678af"),
    ("HS17", "group"): (19, "012f147b3447d16ea6f40fb541695224f9696608dcdeb70623b715bc86503171"),
    ("HS17", "hs2"): (97, "5a7e8baf2c9ffb6729a42e0974af8103da7add9c87a903403503fa20649f430e"),
    ("HS17", "hs4"): (1223, "42ea63bf7bdcf6715b9b62974f25fa677aa1788adbc87c10cba94001e65b05f7"),
    ("HS17", "hs6"): (5388, "ee917c9ed2066fcb8703bf768495fb603540d675e40ff4539ca0b18ab5b2fcad"),
    ("HS22", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
    ("HS22", "section"): (21, "cd83cf3d3f92b42d412d49de75837a4d37f522ed127f42f3bb492bcb025678af"),
    ("HS22", "group"): (19, "012f147b3447d16ea6f40fb541695224f9696608dcdeb70623b715bc86503171"),
    ("HS22", "hs2"): (97, "5a7e8baf2c9ffb6729a42e0974af8103da7add9c87a903403503fa20649f430e"),
    ("HS22", "hs4"): (1229, "79cfa75ed5f6a2fe264d7a629fde56a9fa60758e388e46bf3caea476f8fb932e"),
    ("HS22", "hs6"): (5613, "d1619093b896f2fef4174cc51a86a0fccf85f146376ac2fb7d052c07d05fbe70"),
    ("TOTAL", "total"): (1, "ab2882c86465b1daf5745ec9617b8093dcedf720cddc978f715fafa6f0d91bc9"),
}


def _digest(codes: frozenset[str]) -> tuple[int, str]:
    return len(codes), hashlib.sha256(",".join(sorted(codes)).encode()).hexdigest()


@pytest.mark.parametrize(("classification", "level"), sorted(EXPECTED))
def test_product_codes_are_unchanged(classification, level):
    assert _digest(product_codes(classification, level)) == EXPECTED[classification, level]


def _modules_after(code: str) -> dict[str, bool]:
    """Run ``code`` in a fresh interpreter; which heavy modules did it import?"""
    probe = (
        f"import json, sys\n{code}\n"
        "print(json.dumps({m: m in sys.modules for m in ('atlas_common_data', 'ibis', 'pandas')}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_economy_lookups_do_not_import_atlas_common_data_or_ibis():
    loaded = _modules_after(
        "from corridor import reference\n"
        "assert reference.numeric_to_code()[398] == 'KAZ'\n"
        "assert reference.economy_aliases()\n"
        "assert 'KAZ' in reference.economy_codes()"
    )
    assert not loaded["atlas_common_data"]
    assert not loaded["ibis"]


def test_product_codes_do_not_import_atlas_common_data():
    loaded = _modules_after(
        "from corridor import reference\n"
        "for revision in ('HS92', 'HS17', 'HS22'):\n"
        "    for level in ('section', 'group', 'hs2', 'hs4', 'hs6'):\n"
        "        assert reference.product_codes(revision, level)"
    )
    assert not loaded["atlas_common_data"]
