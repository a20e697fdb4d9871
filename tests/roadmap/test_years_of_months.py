"""The roadmap's years of months (:func:`corridor.roadmap.series._with_years_of_months`)
leave a year out only for the monitor's errors that mean no complete year in the months;
any other query error is raised with its cause."""

from __future__ import annotations

import pandas as pd
import pytest

from corridor import monitor
from corridor.errors import QueryError
from corridor.messages import Message
from corridor.roadmap.series import _STRUCTURE_COLUMNS, _with_years_of_months


def _call() -> tuple[pd.DataFrame, pd.DataFrame]:
    summary = pd.DataFrame({"reported_by": ["economy"], "year": [2023], "turnover": [1.0]})
    structure = pd.DataFrame(columns=_STRUCTURE_COLUMNS)
    return _with_years_of_months(None, "KAZ", "CHN", summary, structure, years=pd.Series([2023, 2024]),
                                 level="hs4", with_structure=True)


def test_no_complete_year_leaves_the_annual_rows(monkeypatch) -> None:
    def none(*args, **kwargs):
        raise QueryError(Message("mon_no_figures", economy="KAZ", partner="CHN", y0=2023, y1=2024, what=""))

    monkeypatch.setattr(monitor, "build_monitor", none)
    summary, structure = _call()
    assert summary["year"].tolist() == [2023] and structure.empty


def test_another_query_error_is_raised(monkeypatch) -> None:
    def bad(*args, **kwargs):
        raise QueryError(Message("mon_level", level="hs5", allowed="hs2, hs4, hs6"))

    monkeypatch.setattr(monitor, "build_monitor", bad)
    with pytest.raises(QueryError) as caught:
        _call()
    assert caught.value.text.key == "mon_level"
