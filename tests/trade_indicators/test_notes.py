"""Every data note exists in English and Russian with the same placeholders."""

from __future__ import annotations

import string

import pytest

from corridor.indicators.notes import TEXT, note, render


@pytest.mark.parametrize("key", sorted(TEXT))
def test_both_languages_with_the_same_fields(key):
    fields = {lang: {f for _, f, _, _ in string.Formatter().parse(TEXT[key][lang]) if f} for lang in ("en", "ru")}
    assert set(TEXT[key]) == {"en", "ru"}
    assert fields["en"] == fields["ru"], key


def test_render_and_unknown_key():
    n = note("tc_groups", market="CHN")
    assert render([n], "en") == ("tc: at WITS product-group level (CHN's imports are by group only)",)
    assert "CHN" in render([n], "ru")[0] and "WITS" in render([n], "ru")[0]
    with pytest.raises(KeyError):
        note("no_such_note")
