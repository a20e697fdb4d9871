"""The product space as a graph (Hidalgo, Klinger, Barabási & Hausmann 2007, Science 317:482).

The backbone is the **maximum spanning tree** of the symmetric proximity (the tree of
P - 1 links with the largest total proximity that connects every product), to which the
strongest other links are added: every pair with proximity >= ``threshold`` (Hidalgo et
al. 2007 draw the tree plus the links with φ >= 0.55).  The tree is
``scipy.sparse.csgraph.minimum_spanning_tree`` on the negated proximities.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from ..errors import ConfigError
from .proximity import Proximity
from ..messages import Message

DEFAULT_THRESHOLD = 0.55


def maximum_spanning_tree(phi: np.ndarray, /) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices (i < j) of the maximum spanning tree (forest) of symmetric ``phi``.

    Pairs with proximity 0 are not links; products linked to nothing stay isolated.
    """
    from scipy.sparse.csgraph import minimum_spanning_tree  # imported here: 0.2 s of import time

    weights = -np.triu(phi, k=1)
    tree = minimum_spanning_tree(weights).tocoo()
    i, j = np.minimum(tree.row, tree.col), np.maximum(tree.row, tree.col)
    order = np.lexsort((j, i))
    return i[order], j[order]


def product_space(proximity: Proximity, /, *, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Edges of the product space of one year: ``year, product_1, product_2, proximity, link``.

    ``link`` is ``'tree'`` for the maximum-spanning-tree links and ``'strong'`` for the
    other pairs with proximity >= ``threshold``.  Needs the symmetric proximity
    (``kind='min_conditional'``).
    """
    if proximity.kind != "min_conditional":
        raise ConfigError(Message("ind_space_symmetric"))
    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(Message("ind_space_threshold", value=threshold))
    phi = proximity.phi
    ti, tj = maximum_spanning_tree(phi)
    strong = np.triu(phi >= threshold, k=1)
    strong[ti, tj] = False
    si, sj = np.nonzero(strong)
    i, j = np.concatenate([ti, si]), np.concatenate([tj, sj])
    return pd.DataFrame(
        {
            "year": proximity.year,
            "product_1": proximity.products[i],
            "product_2": proximity.products[j],
            "proximity": phi[i, j],
            "link": np.repeat(["tree", "strong"], [len(ti), len(si)]),
        }
    )
