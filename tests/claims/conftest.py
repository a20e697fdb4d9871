from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def kz_cn_totals(shared_data: Path) -> Path:
    """``../shared/data/kz_cn_totals`` (real UN Comtrade totals); skips when absent."""
    path = shared_data / "kz_cn_totals"
    if not path.is_dir():
        pytest.skip(f"../shared/data is incomplete: {path} not found")
    return path


@pytest.fixture(scope="session")
def real_workspace(tmp_path_factory, kz_cn_totals) -> Path:
    """A workspace built the way a user builds one (``corridor ingest``): the annual totals
    of both sides (example mappings) and Kazakhstan's HS4 exports to China (WITS)."""
    from typer.testing import CliRunner

    from corridor.cli.main import app

    root = Path(__file__).resolve().parents[2]
    ws = tmp_path_factory.mktemp("ws")
    runner = CliRunner()
    jobs = [
        ["--mapping", str(root / "examples" / "kz_cn_totals_china_reported.toml"),
         str(kz_cn_totals / "china_reported_kaz_totals_2014_2024.csv")],
        ["--mapping", str(root / "examples" / "kz_cn_totals_kaz_reported.toml"),
         str(kz_cn_totals / "kaz_reported_china_totals_2000_2024.csv")],
        [str(kz_cn_totals.parent / "kz_cn_wits_hs4" / "kazakhstan_exports_to_china_hs4_2015_2024_wits.csv")],
    ]
    for args in jobs:
        res = runner.invoke(app, ["ingest", "--workspace", str(ws), *args])
        assert res.exit_code == 0, res.output
    return ws
