"""A small workspace on which every answer has something to say: the synthetic
Kazakhstan-China sample plus a small world export matrix (35 economies x 50 HS4 products,
2022, and China's imports of them) written the way a user writes a world table, ingested with the generic importer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

WORLD_MAPPING = """
source = "test-world"
release = "t1"
format = "csv"

[fields]
reporter = { column = "iso3" }
partner = "WLD"
flow = { column = "flow" }
year = { column = "year" }
classification = "HS12"
product_level = "hs4"
product_code = { column = "hs4" }
value_usd = { column = "value" }
"""

WORLD_ECONOMIES = [
    "KAZ", "CHN", "RUS", "UZB", "KGZ", "DEU", "JPN", "USA", "TUR", "IND", "BRA", "KOR", "FRA", "ITA", "ESP",
    "GBR", "CAN", "MEX", "AUS", "IDN", "THA", "VNM", "MYS", "POL", "NLD", "BEL", "SWE", "CHE", "AUT", "ARG",
    "CHL", "ZAF", "EGY", "SAU", "ARE",
]


@pytest.fixture(scope="session")
def answers_workspace(tmp_path_factory) -> Path:
    from corridor import reference
    from corridor.demo import demo_inputs
    from corridor.sources.ingest import parse_files
    from corridor.store import Workspace

    root = tmp_path_factory.mktemp("answers")
    inputs = demo_inputs(None, root / "sample")
    codes = reference.products("HS12", "hs4").code.tolist()
    codes = sorted(set(codes[:40]) | {"2709", "7403", "7202", "2844", "1001", "8517", "8471", "3004", "2710", "8703"})
    rng = np.random.default_rng(5)
    values = rng.lognormal(14, 2, (len(WORLD_ECONOMIES), len(codes)))
    values *= rng.random(values.shape) < 0.6
    c, p = np.nonzero(values)
    world = pd.DataFrame({"iso3": np.array(WORLD_ECONOMIES)[c], "hs4": np.array(codes)[p], "year": 2022,
                          "flow": "export", "value": values[c, p].round(0)})
    china = pd.DataFrame({"iso3": "CHN", "hs4": codes, "year": 2022, "flow": "import",  # China's imports from the world
                          "value": (values.sum(axis=0) * 0.1).round(0)})
    world = pd.concat([world, china[china.value > 0]], ignore_index=True)
    (root / "world.csv").write_text(world.to_csv(index=False))
    (root / "world.toml").write_text(WORLD_MAPPING)
    ws_path = root / "ws"
    with Workspace.open(ws_path) as ws:
        parsed = []
        for files, source, mapping in inputs.groups:
            parsed += parse_files(ws, list(files), source=source, mapping=mapping, release=inputs.release)
        parsed += parse_files(ws, [root / "world.csv"], source="table", mapping=root / "world.toml")
        ws.ingest_many(parsed)
    return ws_path


TEXT = "Товарооборот Казахстана и Китая в 2023 году составил $41,1 млрд. Exports to China rose 20% in 2022."

PARAMS: dict[str, dict[str, str]] = {
    "monitor": {"economy": "KAZ", "partner": "CHN", "from": "2015", "to": "2024"},
    "indicators": {"exporter": "KAZ", "market": "CHN", "from": "2015", "to": "2024"},
    "complexity": {"year": "2022", "source": "test-world", "exporter": "KAZ"},
    "opportunities": {"exporter": "KAZ", "market": "CHN", "year": "2022", "top": "10"},
    "check": {"text": TEXT, "date": "2024-03-01"},
    "provenance": {},
}


@pytest.fixture(scope="session")
def results(answers_workspace):
    from corridor.answers.registry import ANSWERS, parse_query
    from corridor.store import Workspace

    with Workspace.open(answers_workspace, read_only=True) as ws:
        return {name: ANSWERS[name].run(ws, parse_query(name, p)) for name, p in PARAMS.items()}
