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
        "en": "removed {ingest_id}: {file} ({source}, release {release}, {rows#row}); see `corridor provenance --removed`",
        "ru": "удалено {ingest_id}: {file} ({source}, выпуск {release}, {rows#row}); см. `corridor provenance --removed`",
    },
    "demo_workspace": {
        "en": "The demo's workspace is {path}: the other commands read it with --workspace {path} "
              "(or export CORRIDOR_WORKSPACE={path}); without either they use the user data directory.",
        "ru": "Рабочее пространство демо: {path}; другие команды читают его с --workspace {path} "
              "(или export CORRIDOR_WORKSPACE={path}); без них используется каталог данных пользователя.",
    },
    "doctor_healthy": {"en": "{path}: {checked#stored_file} checked, all intact",
                       "ru": "{path}: проверено: {checked#stored_file}, все целы"},
    "doctor_lost": {"en": "{path}: {checked#stored_file} checked, {lost:,} lost:",
                    "ru": "{path}: проверено: {checked#stored_file}, утрачено: {lost:,}:"},
    "doctor_loss": {
        "en": "LOST {ingest_id}: {file} ({source}, release {release}, {rows#row}): {parquet} {problem}",
        "ru": "УТРАЧЕНО {ingest_id}: {file} ({source}, выпуск {release}, {rows#row}): {parquet} {problem}",
    },
    "doctor_again": {"en": "  to restore: corridor ingest {file_path}  (SHA-256 {sha256})",
                     "ru": "  чтобы восстановить: corridor ingest {file_path}  (SHA-256 {sha256})"},
    "doctor_hint": {"en": "Run `corridor doctor --repair` to take the lost ingests out (the rest of the workspace stays as it is).",
                    "ru": "Запустите `corridor doctor --repair`, чтобы убрать утраченные загрузки (остальное не изменится)."},
    "doctor_repaired": {"en": "The lost ingests were taken out; recorded in `corridor provenance --removed`.",
                        "ru": "Утраченные загрузки убраны; запись — в `corridor provenance --removed`."},
    "problem_missing": {"en": "is missing", "ru": "отсутствует"},
    "problem_truncated": {"en": "is cut short ({found} of {expected})", "ru": "обрезан ({found} из {expected})"},
    "problem_changed": {"en": "changed size ({found}, {expected} when stored)", "ru": "изменил размер ({found}, при записи {expected})"},
    "problem_altered": {"en": "was altered (its SHA-256 is not the one recorded)", "ru": "изменён (SHA-256 не совпадает с записанным)"},
    "problem_unreadable": {"en": "cannot be read ({found})", "ru": "не читается ({found})"},
    "problem_rows": {"en": "holds {found}, {expected} were stored", "ru": "содержит {found}, записано {expected}"},
    "another_process_unknown": {"en": "another process", "ru": "другой процесс"},
}

label = Catalogue("workspace", LABELS)


def doctor_lines(report, lang: str = "en") -> list[str]:
    """The doctor's report as lines of text (:class:`corridor.store.doctor.DoctorReport`)."""
    if report.healthy:
        return [label("doctor_healthy", lang, path=report.path, checked=report.checked)]
    out = [label("doctor_lost", lang, path=report.path, checked=report.checked, lost=len(report.lost))]
    for x in report.lost:
        problem = label(f"problem_{x.problem}", lang, found=x.found, expected=x.expected)
        out.append(label("doctor_loss", lang, ingest_id=x.ingest_id, file=x.file_name, source=x.source,
                         release=x.release, rows=x.rows_stored, parquet=x.parquet, problem=problem))
        out.append(label("doctor_again", lang, file_path=x.file_path, sha256=x.sha256))
    out.append(label("doctor_repaired" if report.repaired else "doctor_hint", lang))
    return out


def doctor_document(report) -> dict:
    """The doctor's JSON document."""
    from dataclasses import asdict

    return {"schema": "corridor.doctor/1", "workspace": str(report.path), "checked": report.checked,
            "healthy": report.healthy, "repaired": report.repaired, "lost": [asdict(x) for x in report.lost]}
