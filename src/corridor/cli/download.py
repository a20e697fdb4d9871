"""``corridor download baci`` and ``corridor download comtrade``: thin commands over
:mod:`corridor.sources.download`.  Messages are in English and Russian (``--lang ru``)."""

from __future__ import annotations

import warnings
from pathlib import Path

import typer

from ..reports.i18n import Catalogue

MESSAGES: dict[str, dict[str, str]] = {
    "saved": {"en": "saved {path}", "ru": "сохранено: {path}"},
    "none": {"en": "nothing saved: the API returned no records", "ru": "ничего не сохранено: API не вернул записей"},
    "warning": {"en": "warning: {text}", "ru": "предупреждение: {text}"},
    "next": {"en": "next: corridor ingest {path}", "ru": "далее: corridor ingest {path}"},
    "preview": {
        "en": "no COMTRADE_API_KEY: using the public preview API (at most 500 records per call)",
        "ru": "COMTRADE_API_KEY не задан: используется открытый предварительный API (не более 500 записей за запрос)",
    },
}


#: User-facing messages of ``corridor download`` in English and Russian.
message = Catalogue("download", MESSAGES)


def register(app: typer.Typer) -> None:
    from ..options import Lang, check
    from .common import LangOption, handle_errors

    group = typer.Typer(help="Download source files (CEPII BACI releases, UN Comtrade API answers).", no_args_is_help=True)
    app.add_typer(group, name="download")

    @group.command("baci")
    @handle_errors
    def baci(
        release: str = typer.Argument(..., help="BACI release, e.g. V202401 or 202401."),
        classification: str = typer.Option("HS17", "--classification", "-c", help="HS92 | HS96 | HS02 | HS07 | HS12 | HS17 | HS22"),
        dest: Path = typer.Option(Path("."), "--dest", "-d", help="Folder (or .zip file) to write."),
        sha256: str | None = typer.Option(None, "--sha256", help="Expected SHA-256 of the zip (verified)."),
        base_url: str | None = typer.Option(None, "--base-url", help="Mirror of CEPII's data folder."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        lang: str = LangOption,
    ) -> None:
        """Download a CEPII BACI release zip (resumable, checksummed)."""
        from ..sources.download.baci import BACI_BASE_URL, download_baci

        check(lang, Lang, field="lang")
        out = download_baci(release, classification=classification, dest=dest, base_url=base_url or BACI_BASE_URL,
                            sha256=sha256, progress=not quiet)
        typer.echo(message("saved", lang, path=out))
        typer.echo(message("next", lang, path=out))

    @group.command("comtrade")
    @handle_errors
    def comtrade(
        reporter: str = typer.Option(..., "--reporter", "-r", help="Reporter M49 code(s), e.g. 398 (Kazakhstan)."),
        period: str = typer.Option(..., "--period", "-p", help="Years (2023, 2015-2024) or months (202301)."),
        partner: str | None = typer.Option(None, "--partner", help="Partner M49 code(s), e.g. 156 (China); 0 = World."),
        flow: str | None = typer.Option(None, "--flow", help="X, M, RX, RM (comma-separated); default all."),
        cmd: str = typer.Option("TOTAL", "--cmd", help="Commodity codes: TOTAL, AG2, AG4, AG6 or HS codes."),
        freq: str = typer.Option("A", "--freq", help="A (annual) | M (monthly)."),
        dest: Path = typer.Option(Path("."), "--dest", "-d", help="Folder for the JSON answers."),
        base_url: str | None = typer.Option(None, "--base-url", help="Root of the API (default comtradeapi.un.org)."),
        lang: str = LangOption,
    ) -> None:
        """Ask the UN Comtrade API (key from COMTRADE_API_KEY, else the preview) and save JSON files."""
        from ..sources.download.comtrade import COMTRADE_BASE_URL, ComtradeClient

        check(lang, Lang, field="lang")
        client = ComtradeClient.from_env(base_url=base_url or COMTRADE_BASE_URL)
        if client.preview:
            typer.echo(message("preview", lang), err=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            files = client.fetch(dest, reporter=reporter, period=period, partner=partner, flow=flow, cmd=cmd, freq=freq)
        for w in caught:
            typer.echo(message("warning", lang, text=w.message), err=True)
        for f in files:
            typer.echo(message("saved", lang, path=f))
        if not files:
            typer.echo(message("none", lang))
        else:
            typer.echo(message("next", lang, path=" ".join(str(f) for f in files)))


__all__ = ["MESSAGES", "message", "register"]
