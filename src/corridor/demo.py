"""The main job: build a workspace, load the Kazakhstan-China data, print the monitor and
write a report.  Uses real data when a data directory is reachable, else the bundled
synthetic sample (and says so on every output)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .messages import Message

ENV_DATA = "CORRIDOR_DATA"
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class DemoInputs:
    """What the demo ingests: ``(files, source, mapping)`` groups, whether synthetic, and
    the release label to store them under (``SYNTHETIC`` for the sample, else the importers' default)."""

    groups: tuple[tuple[tuple[Path, ...], str, Path | None], ...]
    synthetic: bool
    data_dir: Path | None
    release: str | None = None


def find_data_dir(explicit: Path | None = None) -> Path | None:
    """``--data``, else ``$CORRIDOR_DATA``, else ``../shared/data`` beside the working
    directory or beside the repository."""
    cands = [explicit] if explicit else []
    if os.environ.get(ENV_DATA):
        cands.append(Path(os.environ[ENV_DATA]))
    cands += [Path.cwd().parent / "shared" / "data", REPO_ROOT.parent / "shared" / "data"]
    for c in cands:
        if c is not None and (c / "kz_cn_totals").is_dir() and (c / "kz_cn_wits_hs4").is_dir():
            return c.resolve()
    if explicit is not None:
        raise ConfigError(Message("err_demo_data", path=str(explicit)))
    return None


def examples_dir() -> Path:
    d = REPO_ROOT / "examples"
    if not d.is_dir():
        raise ConfigError(Message("err_demo_mappings", path=str(d)))
    return d


def demo_inputs(data_dir: Path | None, scratch: Path) -> DemoInputs:
    """Real files when ``data_dir`` is given, else the synthetic sample written to ``scratch``."""
    ex = examples_dir()
    china_map = ex / "kz_cn_totals_china_reported.toml"
    kaz_map = ex / "kz_cn_totals_kaz_reported.toml"
    if data_dir is not None:
        wits = tuple(sorted((data_dir / "kz_cn_wits_hs4").glob("*.csv")))
        totals = data_dir / "kz_cn_totals"
        groups = [(wits, "wits", None),
                  ((totals / "china_reported_kaz_totals_2014_2024.csv",), "table", china_map),
                  ((totals / "kaz_reported_china_totals_2000_2024.csv",), "table", kaz_map)]
        world = data_dir / "world_hs4_2017" / "world_trade_2017.parquet"
        if world.is_file():  # a world export matrix: the dashboard's complexity and opportunities pages
            groups.append(((world,), "table", ex / "world_trade_2017.toml"))
        return DemoInputs(tuple(groups), synthetic=False, data_dir=data_dir)
    from .synthetic.sample import RELEASE, write_sample

    s = write_sample(scratch)
    return DemoInputs(
        ((s.wits, "wits", None), ((s.china_totals,), "table", china_map), ((s.kaz_totals,), "table", kaz_map)),
        synthetic=True, data_dir=None, release=RELEASE)
