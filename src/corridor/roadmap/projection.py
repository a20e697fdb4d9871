"""Projection of a yearly series to a target year, with a prediction interval and the
probability of reaching the target.  A *projection* of past trade, not a forecast of
policy: it says where the series goes if it keeps behaving as it has.

Method.  Three candidate models, fitted to the logarithm of the series when every value is
positive (growth is multiplicative; the interval cannot go below zero), else to the levels:

- ``naive``: a random walk, ``z_{T+h} = z_T + e``, ``e ~ N(0, h s^2)`` with ``s`` the
  standard deviation of the yearly changes (the benchmark every method must beat;
  Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., 5.2);
- ``log_linear``: ordinary least squares of ``z`` on the year, prediction interval from
  Student's t with ``n - 2`` degrees of freedom and the usual prediction variance
  ``s^2 (1 + 1/n + (t - mean t)^2 / Sxx)``;
- ``damped_trend``: additive-error exponential smoothing with a damped additive trend,
  ETS(A,Ad,N) (Gardner & McKenzie 1985; statsmodels ``ETSModel``: smoothing and damping
  parameters by maximum likelihood, initial level the first value and initial trend the
  mean of the first two changes), its predictive distribution simulated from the fitted
  state-space model.

The model is chosen by a rolling-origin backtest (Tashman 2000; FPP3 5.10): for every
one of the last ``max_origins`` observed years that has at least ``MIN_POINTS`` years
before it (the largest minimum of the candidates), each candidate is fitted on the years before the
origin and forecasts the following years (up to ``max_horizon``); the candidate with the
lowest mean absolute error of ``z`` (on the log scale, about the mean relative error) is
used, the simpler one on a tie.  Years missing inside the series are filled by linear
interpolation of ``z`` before fitting the naive and damped models.

The fan (10/90 % and 2.5/97.5 % quantiles, and the median) and the probability of reaching
the target are taken from ``simulations`` draws of the chosen model's predictive
distribution (a seeded generator: the same input gives the same output).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

MIN_POINTS = {"naive": 3, "log_linear": 3, "damped_trend": 6}
PREFERENCE = ("naive", "log_linear", "damped_trend")
QUANTILES = (0.025, 0.10, 0.50, 0.90, 0.975)


@dataclass(frozen=True, slots=True, kw_only=True)
class Projection:
    """A projection to ``years[-1]`` (the target year).  ``median``, ``lo80``/``hi80``
    (10 % and 90 % quantiles), ``lo95``/``hi95`` (2.5 % and 97.5 %) are values per year of
    ``years``; ``probability`` is the share of draws that reach the target in the target
    year; ``backtest`` maps each candidate method to its mean absolute error (of log values
    when ``log_scale``) and ``origins`` the number of backtest origins."""

    method: str
    log_scale: bool
    years: tuple[int, ...]
    median: tuple[float, ...]
    lo80: tuple[float, ...]
    hi80: tuple[float, ...]
    lo95: tuple[float, ...]
    hi95: tuple[float, ...]
    probability: float | None
    backtest: tuple[tuple[str, float], ...]
    origins: int
    points: int


def project(series: Mapping[int, float], *, target_year: int, target_value: float | None = None,
            direction: str = "increase", simulations: int = 4000, seed: int = 20240,
            max_horizon: int = 5, max_origins: int = 4) -> Projection | None:
    """Project ``series`` (year -> value) to ``target_year``; ``None`` when the series has
    fewer than 3 points or already reaches the target year.  BLAS runs on one thread: the
    fits are tiny, and competing BLAS threads on a loaded machine only slow them down."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return _project(series, target_year=target_year, target_value=target_value, direction=direction,
                        simulations=simulations, seed=seed, max_horizon=max_horizon, max_origins=max_origins)


def _project(series: Mapping[int, float], *, target_year: int, target_value: float | None, direction: str,
             simulations: int, seed: int, max_horizon: int, max_origins: int) -> Projection | None:
    pts = {int(y): float(v) for y, v in series.items() if v is not None and np.isfinite(v)}
    if len(pts) < 3:
        return None
    years = np.array(sorted(pts))
    last = int(years[-1])
    horizon = target_year - last
    if horizon < 1:
        return None
    values = np.array([pts[int(y)] for y in years])
    log_scale = bool((values > 0).all())
    z = np.log(values) if log_scale else values
    candidates, scores, origins, method = _choose(tuple(int(y) for y in years), tuple(float(x) for x in z),
                                                  max_horizon, max_origins)
    rng = np.random.default_rng(seed)
    draws = _draw(method, years, z, horizon, simulations, rng)
    values_draws = np.exp(draws) if log_scale else draws
    q = np.quantile(values_draws, QUANTILES, axis=0)
    prob = None
    if target_value is not None:
        final = values_draws[:, -1]
        prob = float(np.mean(final >= target_value if direction == "increase" else final <= target_value))
    as_t = lambda row: tuple(float(x) for x in row)  # noqa: E731
    return Projection(method=method, log_scale=log_scale, years=tuple(range(last + 1, target_year + 1)),
                      lo95=as_t(q[0]), lo80=as_t(q[1]), median=as_t(q[2]), hi80=as_t(q[3]), hi95=as_t(q[4]),
                      probability=prob, backtest=tuple((m, float(scores[m])) for m in candidates if m in scores),
                      origins=origins, points=len(years))


@lru_cache(maxsize=512)
def _choose(years_t: tuple[int, ...], z_t: tuple[float, ...], max_horizon: int,
            max_origins: int) -> tuple[list[str], dict[str, float], int, str]:
    """The candidates, their backtest scores, the number of origins and the chosen method
    (cached by series: several targets of one relation share it)."""
    years, z = np.array(years_t), np.array(z_t)
    candidates = [m for m in PREFERENCE if len(years) >= MIN_POINTS[m]]
    scores, origins = _backtest(candidates, years, z, max_horizon, max_origins)
    method = min(candidates, key=lambda m: (round(scores.get(m, np.inf), 12), PREFERENCE.index(m)))
    return candidates, scores, origins, method


def _backtest(candidates: list[str], years: np.ndarray, z: np.ndarray,
              max_horizon: int, max_origins: int) -> tuple[dict[str, float], int]:
    """Mean absolute error of each candidate's point forecasts over the rolling origins
    (the same origins for every candidate: the observed years after the first
    ``max(MIN_POINTS)`` of the candidates).  Each fit sees only the years before its origin."""
    need = max(MIN_POINTS[m] for m in candidates)
    origins = [int(y) for y in years if (years < y).sum() >= need][-max_origins:]
    errors: dict[str, list[float]] = {m: [] for m in candidates}
    for origin in origins:
        mask = years < origin
        base = int(years[mask][-1])
        ahead = [(int(y), zz) for y, zz in zip(years, z) if origin <= y < origin + max_horizon]
        h = ahead[-1][0] - base
        for m in candidates:
            path = _point(m, years[mask], z[mask], h)
            errors[m] += [abs(zz - path[y - base - 1]) for y, zz in ahead]
    scores = {m: float(np.mean(e)) for m, e in errors.items() if e}
    if not scores:  # too short to backtest: the naive benchmark
        scores = {"naive": 0.0}
    return scores, len(origins)


def _filled(years: np.ndarray, z: np.ndarray) -> np.ndarray:
    """``z`` on every year from the first to the last, gaps filled by linear interpolation."""
    return np.interp(np.arange(int(years[0]), int(years[-1]) + 1), years, z)


def _point(method: str, years: np.ndarray, z: np.ndarray, h: int) -> np.ndarray:
    """Point forecasts of ``z`` for the ``h`` years after ``years[-1]``."""
    if method == "naive":
        return np.repeat(z[-1], h)
    if method == "log_linear":
        b, a = np.polyfit(years, z, 1)
        return a + b * (years[-1] + np.arange(1, h + 1))
    return np.asarray(_ets(_filled(years, z)).forecast(h))


def _ets(z_full: np.ndarray):
    return _ets_fit(tuple(float(x) for x in z_full))


@lru_cache(maxsize=512)
def _ets_fit(z: tuple[float, ...]):
    """The fitted ETS(A,Ad,N) of ``z`` (cached: the targets of one relation share series)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    z_full = np.array(z)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ETSModel(z_full, error="add", trend="add", damped_trend=True, initialization_method="known",
                         initial_level=float(z_full[0]), initial_trend=float(np.mean(np.diff(z_full[:3]))))
        return model.fit(disp=False)


def _draw(method: str, years: np.ndarray, z: np.ndarray, h: int, n: int,
          rng: np.random.Generator) -> np.ndarray:
    """``n`` x ``h`` draws of the predictive distribution of ``z`` one to ``h`` years ahead."""
    steps = np.arange(1, h + 1)
    z_full = _filled(years, z)
    if method == "naive":
        s = float(np.std(np.diff(z_full), ddof=1)) if len(z_full) > 2 else 0.0
        return z_full[-1] + np.cumsum(rng.normal(0.0, s, size=(n, h)), axis=1)
    if method == "log_linear":
        b, a = np.polyfit(years, z, 1)
        resid = z - (a + b * years)
        dof = len(z) - 2
        s2 = float(resid @ resid / dof) if dof > 0 else 0.0
        t_new = years[-1] + steps
        sxx = float(((years - years.mean()) ** 2).sum())
        se = np.sqrt(s2 * (1 + 1 / len(z) + (t_new - years.mean()) ** 2 / sxx))
        return (a + b * t_new) + se * rng.standard_t(dof, size=(n, h))
    fit = _ets(z_full)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sims = fit.simulate(h, repetitions=n, anchor="end", rng=rng)
    return np.asarray(sims).reshape(h, n).T
