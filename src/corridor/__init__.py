"""corridor: open trade intelligence for the Kazakhstan-China corridor.

Nothing is computed or loaded at import time.  Start with
:func:`corridor.store.Workspace.open` and the functions of :mod:`corridor.monitor`.
"""

__version__ = "0.1.0"
