"""``corridor demo``: the main job, offline."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import LangOption, handle_errors


def register(app: typer.Typer) -> None:
    @app.command("demo")
    @handle_errors
    def demo(
        out: Path = typer.Option(Path("corridor-demo"), "--out", help="Directory for the workspace and the report."),
        data: Path | None = typer.Option(None, "--data", help="Real data directory (default: ../shared/data if present)."),
        synthetic: bool = typer.Option(False, "--synthetic", help="Use the synthetic sample even if real data exist."),
        lang: str = LangOption,
    ) -> None:
        """Build a workspace, load Kazakhstan-China data, print the monitor, write the report:
        the dashboard's pages saved as static HTML with their charts (report.html opens them)."""
        import shutil

        from rich.console import Console

        import json

        from ..answers import monitor as monitor_answer
        from ..demo import demo_inputs, find_data_dir
        from ..options import Lang, check
        from ..reports import monitor as render
        from ..reports import registry as renderers
        from ..reports.i18n import label
        from ..reports.ingest import report_lines
        from ..sources.ingest import parse_files
        from ..store import Workspace
        from ..web.static_site import page_file, save_pages

        check(lang, Lang, field="lang")
        data_dir = None if synthetic else find_data_dir(data)
        ws_path = out / ("workspace-synthetic" if data_dir is None else "workspace")
        inputs = demo_inputs(data_dir, out / "synthetic-sample")
        con = Console(record=True)
        data_name = label("demo_synthetic", lang) if inputs.synthetic else str(inputs.data_dir)
        con.print(label("demo_inputs", lang, data=data_name, workspace=ws_path), style="dim", markup=False)
        with Workspace.open(ws_path) as ws:
            parsed = []
            for files, source, mapping in inputs.groups:
                parsed += parse_files(ws, list(files), source=source, mapping=mapping, release=inputs.release)
            reports = ws.ingest_many(parsed)
            for line in report_lines(reports, lang):
                con.print(line, style="dim", markup=False)
            q = monitor_answer.Query(economy="KAZ", partner="CHN", year_from=2015, year_to=2024)
            result = monitor_answer.answer(ws, q)
            render.render_terminal(result.report, lang=lang, console=con, names=render.economy_names(result, lang))
            save_pages(ws, out)
        html = out / "report.html"
        shutil.copyfile(out / page_file("corridor", lang), html)
        (out / "report.json").write_text(json.dumps(renderers.document(result, lang), ensure_ascii=False, indent=2,
                                                    default=str), encoding="utf-8")
        typer.echo(label("report_written", lang, path=f"{html} + {out / 'report.json'}"))
        from ..reports.workspace import label as ws_label

        typer.echo(ws_label("demo_workspace", lang, path=ws_path))
