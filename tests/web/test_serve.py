"""`corridor serve`: loopback by default, the settings it builds."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.cli.serve import is_loopback
from corridor.errors import ConfigError
from corridor.web.settings import serve_settings


def test_serve_listens_on_loopback_by_default():
    res = CliRunner().invoke(app, ["serve", "--help"], terminal_width=200)
    assert res.exit_code == 0 and "127.0.0.1" in res.output and "--workspace" in res.output


@pytest.mark.parametrize(("host", "loop"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])
def test_is_loopback(host, loop):
    assert is_loopback(host) is loop


def test_token_from_the_environment_and_too_short_tokens_refused(tmp_path):
    s = serve_settings(workspace=tmp_path, environ={"CORRIDOR_TOKEN": "x" * 20})
    assert s.token == "x" * 20 and s.workspace == tmp_path
    assert serve_settings(workspace=tmp_path, environ={}).token is None
    with pytest.raises(ConfigError, match="too short"):
        serve_settings(workspace=tmp_path, environ={"CORRIDOR_TOKEN": "short"})
