"""Every user-facing catalogue has English and Russian for every key; a gap is refused."""

from __future__ import annotations

import importlib

import pytest

from corridor.reports.i18n import Catalogue

MODULES = ("corridor.reports.i18n", "corridor.reports.complexity", "corridor.reports.analysis", "corridor.reports.provenance", "corridor.reports.columns", "corridor.cli.download", "corridor.cli.common")


def test_a_key_without_russian_is_refused() -> None:
    with pytest.raises(ValueError, match="'demo'.*: title$"):
        Catalogue("demo", {"title": {"en": "Title"}, "ok": {"en": "a", "ru": "б"}})


@pytest.mark.parametrize("module", MODULES)
def test_catalogues_are_complete_and_format(module: str) -> None:
    mod = importlib.import_module(module)
    cats = [v for v in vars(mod).values() if isinstance(v, Catalogue)]
    assert cats, f"{module} has no Catalogue"
    for cat in cats:
        for key, texts in cat.texts.items():
            assert cat(key, "en") == texts["en"] and cat(key, "ru") == texts["ru"]
