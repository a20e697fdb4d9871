"""corridor.indicators: pure table -> table indicator functions over Ibis (DuckDB or Spark).

Complexity engine (this package's complexity half; see docs/complexity.md):

* :func:`export_matrix` -- canonical flows -> ``year, exporter, product, export_value``;
* :func:`rca`, :func:`rpop`, :func:`presence`, :func:`presence_matrix`,
  :func:`diversity`, :func:`ubiquity` -- Ibis expressions;
* :func:`complexity` (eigenvector | reflections | fitness), :func:`proximity`,
  :func:`complexity_suite` (ECI/PCI, proximity, density, distance, COI, COG),
  :func:`product_space` -- NumPy/BLAS on the pulled exporter × product matrix;
* :func:`connect` -- an Ibis backend (``duckdb`` or ``pyspark``).

Trade indicators (concentration, complementarity, intensity, margins) live in
:mod:`corridor.indicators.trade`, :mod:`~corridor.indicators.concentration` and
:mod:`~corridor.indicators.dynamics`.
"""

from .complexity import Complexity, ComplexityPanel, complexity, year_complexity, year_matrices
from .engines import connect, to_backend
from .inputs import export_matrix
from .product_space import product_space
from .proximity import ComplexitySuite, Proximity, Relatedness, complexity_suite, proximity
from .rca import diversity, presence, presence_matrix, rca, rpop, ubiquity

__all__ = [
    "Complexity",
    "ComplexityPanel",
    "ComplexitySuite",
    "Proximity",
    "Relatedness",
    "complexity",
    "complexity_suite",
    "connect",
    "diversity",
    "export_matrix",
    "presence",
    "presence_matrix",
    "product_space",
    "proximity",
    "rca",
    "rpop",
    "to_backend",
    "ubiquity",
    "year_complexity",
    "year_matrices",
]
