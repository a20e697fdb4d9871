"""corridor.indicators: pure table -> table indicator functions over Ibis (DuckDB or Spark).

Complexity engine (this package's complexity half; see docs/complexity.md):

* :func:`export_matrix` -- canonical flows -> ``year, exporter, product, export_value``;
* ``rca.rca``, :func:`rpop`, :func:`presence`, :func:`presence_matrix`,
  :func:`diversity`, :func:`ubiquity` -- Ibis expressions;
* ``complexity.complexity`` (eigenvector | reflections | fitness), ``proximity.proximity``,
  :func:`complexity_suite` (ECI/PCI, proximity, density, distance, COI, COG),
  ``product_space.product_space`` -- NumPy/BLAS on the pulled exporter × product matrix;
* :func:`connect` -- an Ibis backend (``duckdb`` or ``pyspark``).

Trade indicators (concentration, complementarity, intensity, margins) live in
:mod:`corridor.indicators.trade`, :mod:`~corridor.indicators.concentration` and
:mod:`~corridor.indicators.dynamics`.
"""

# Functions named like their module (``complexity``, ``proximity``, ``rca``,
# ``product_space``) are not re-exported here: the package attribute would hide the
# module (``import corridor.indicators.rca as m`` would bind the function).  Import them
# from their modules.
from typing import TYPE_CHECKING, Any

from ..util import lazy_exports

if TYPE_CHECKING:
    from .complexity import Complexity, ComplexityPanel, presence_matrices, year_complexity, year_matrices
    from .engines import connect, to_backend
    from .inputs import export_matrix, inclusion
    from .proximity import ComplexitySuite, Proximity, Relatedness, complexity_suite
    from .rca import diversity, presence, presence_matrix, rpop, ubiquity

#: Where each public name lives.  The modules are imported on first use, so that a
#: command on the NumPy route (``corridor complexity`` from the aggregate cache) does not
#: import the engine layer (Ibis) with the package.
_HOMES: dict[str, str] = {
    "Complexity": "complexity", "ComplexityPanel": "complexity", "presence_matrices": "complexity",
    "year_complexity": "complexity", "year_matrices": "complexity",
    "connect": "engines", "to_backend": "engines",
    "export_matrix": "inputs", "inclusion": "inputs",
    "ComplexitySuite": "proximity", "Proximity": "proximity", "Relatedness": "proximity",
    "complexity_suite": "proximity",
    "diversity": "rca", "presence": "rca", "presence_matrix": "rca", "rpop": "rca", "ubiquity": "rca",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, globals())


__all__ = [
    "Complexity",
    "ComplexityPanel",
    "ComplexitySuite",
    "Proximity",
    "Relatedness",
    "complexity_suite",
    "connect",
    "diversity",
    "export_matrix",
    "inclusion",
    "presence",
    "presence_matrix",
    "presence_matrices",
    "rpop",
    "to_backend",
    "ubiquity",
    "year_complexity",
    "year_matrices",
]
