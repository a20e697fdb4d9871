"""Texts of the commands that look after the workspace: waiting for a writer, remove, doctor."""

from __future__ import annotations

from .i18n import Catalogue

LABELS: dict[str, dict[str, str]] = {
    "waiting": {
        "en": "waiting for {who} to finish changing the workspace...",
        "ru": "ожидание: рабочее пространство изменяет {who}...",
    },
    "another_process": {"en": "another process (pid {pid})", "ru": "другой процесс (pid {pid})"},
    "another_process_unknown": {"en": "another process", "ru": "другой процесс"},
}

label = Catalogue("workspace", LABELS)
