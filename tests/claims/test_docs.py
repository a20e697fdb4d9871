"""docs/claims.md documents every verdict reason, every JSON key and every CLI option."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.claims import extract
from corridor.claims.messages import REASONS
from corridor.claims.report import claim_record
from corridor.claims.verification import verify
from corridor.cli.main import app

DOC = (Path(__file__).resolve().parents[2] / "docs" / "claims.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("reason", REASONS)
def test_every_reason_is_documented(reason):
    assert f"`{reason}`" in DOC


def test_every_json_key_is_documented():
    [cc] = verify(extract("Экспорт в Китай в 2023 году вырос на 5% и составил 10 млрд долларов."), None,
                  assume_pair=("KAZ", "CHN"))
    rec = claim_record(cc)
    keys = set(rec) | set(rec["period"]) | set(rec["verdict"])
    for key in sorted(keys):
        assert f"`{key}`" in DOC or f"{key}," in DOC or f", {key}" in DOC or f"{{{key}" in DOC, key


def test_every_cli_option_is_documented():
    out = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "200"}).output
    for option in ("--date", "--format", "--lang", "--assume-pair", "--workspace"):
        assert option in out and f"`{option}" in DOC


def test_doc_examples_of_rounding_hold():
    [c] = extract("Товарооборот составил $31,5 млрд в 2023 году.", published=dt.date(2024, 1, 1))
    assert c.amount_step == pytest.approx(1e8)
