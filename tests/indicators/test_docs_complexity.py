"""docs/complexity.md documents every option of ``corridor complexity`` and every allowed value."""

from __future__ import annotations

from pathlib import Path

import typer.main

from typing import get_args

from corridor.cli.main import app
from corridor.options import ComplexityMethod, Engine, Level, PresenceRule
from corridor.reports import complexity as renderer

DOC = Path(__file__).resolve().parents[2] / "docs" / "complexity.md"


def test_every_option_and_choice_is_documented():
    text = DOC.read_text(encoding="utf-8")
    command = typer.main.get_command(app).commands["complexity"]  # type: ignore[attr-defined]
    options = [opt for param in command.params for opt in param.opts if opt.startswith("--")]
    missing = [opt for opt in options if opt not in text]
    assert not missing, f"options of corridor complexity not in docs/complexity.md: {missing}"
    allowed = (get_args(ComplexityMethod), get_args(Level), get_args(PresenceRule), get_args(Engine))
    undocumented = [v for values in allowed for v in values if v not in text]
    assert not undocumented, f"allowed values not in docs/complexity.md: {undocumented}"


def test_labels_have_both_languages():
    assert all(set(texts) == {"en", "ru"} and all(texts.values()) for texts in renderer.LABELS.values())
