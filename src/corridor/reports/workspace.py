"""Texts of the commands that look after the workspace: waiting for a writer, remove, doctor."""

from __future__ import annotations

from .i18n import Catalogue

LABELS: dict[str, dict[str, str]] = {
    "waiting": {
        "en": "waiting for {who} to finish changing the workspace...",
        "ru": "ожидание: рабочее пространство изменяет {who}...",
    },
    "another_process": {"en": "another process (pid {pid})", "ru": "другой процесс (pid {pid})"},
    "removed": {
        "en": "removed {ingest_id}: {file} ({source}, release {release}, {rows:,} rows); see `corridor provenance --removed`",
        "ru": "удалено {ingest_id}: {file} ({source}, выпуск {release}, строк: {rows:,}); см. `corridor provenance --removed`",
    },
    "demo_workspace": {
        "en": "The demo's workspace is {path}: the other commands read it with --workspace {path} "
              "(or export CORRIDOR_WORKSPACE={path}); without either they use the user data directory.",
        "ru": "Рабочее пространство демо: {path}; другие команды читают его с --workspace {path} "
              "(или export CORRIDOR_WORKSPACE={path}); без них используется каталог данных пользователя.",
    },
    "another_process_unknown": {"en": "another process", "ru": "другой процесс"},
}

label = Catalogue("workspace", LABELS)
