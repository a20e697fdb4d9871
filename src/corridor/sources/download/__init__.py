"""Downloaders: a robust HTTP file fetcher, CEPII BACI release files, the UN Comtrade API.

Nothing here reads the network at import time; every function takes its endpoint as an
argument with the real service as the default, so that tests point it at 127.0.0.1.
"""

from .baci import BACI_BASE_URL, baci_url, download_baci
from .comtrade import COMTRADE_BASE_URL, ComtradeClient, ComtradeQuery
from .http import RetryPolicy, download_file

__all__ = [
    "BACI_BASE_URL",
    "COMTRADE_BASE_URL",
    "ComtradeClient",
    "ComtradeQuery",
    "RetryPolicy",
    "baci_url",
    "download_baci",
    "download_file",
]
