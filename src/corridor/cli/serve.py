"""``corridor serve``: the HTTP API (and the dashboard, when installed) on uvicorn."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import typer

from .common import WorkspaceOption, handle_errors


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    @app.command("serve")
    @handle_errors
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        workspace: Path | None = WorkspaceOption,
        max_upload_mb: int = typer.Option(2048, "--max-upload-mb", help="Largest upload to ingest (MB, all files)."),
    ) -> None:
        """Serve the answers over HTTP: GET /api/v1/<command> returns the document of
        `corridor <command> --format json`; docs at /docs.  Writes (POST /api/v1/ingest)
        need the token in $CORRIDOR_TOKEN; without it they are off."""
        import uvicorn

        from ..web.app import create_app
        from ..web.settings import LOOPBACK_HOSTS, serve_settings

        allowed = LOOPBACK_HOSTS if is_loopback(host) else None
        cfg = serve_settings(workspace=workspace, allowed_hosts=allowed, max_upload_bytes=max_upload_mb * 1024**2)
        writes = "on (token set)" if cfg.token else "off (no $CORRIDOR_TOKEN)"
        typer.echo(f"corridor serve: workspace {cfg.workspace}; writes {writes}; http://{host}:{port}/docs", err=True)
        uvicorn.run(create_app(cfg), host=host, port=port, log_level="info", server_header=False,
                    date_header=False)
