"""Download a CEPII BACI release file.

CEPII publishes each release as one zip per HS revision at
``https://www.cepii.fr/DATA_DOWNLOAD/baci/data/BACI_<HS>_V<release>.zip`` (for example
``BACI_HS17_V202401.zip``), the form linked from BACI's page
(https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37).  CEPII publishes no
checksums; pass ``sha256=`` to pin a file you have verified.  What arrives must be a zip
archive (:func:`corridor.sources.download.http.zip_check`): an HTML error page is refused,
never saved as the zip, and a file already there that is not a zip is fetched again.
"""

from __future__ import annotations

import re
from pathlib import Path
import requests

from ...errors import ConfigError
from ..baci import BACI_CLASSIFICATIONS
from .http import RetryPolicy, download_file, zip_check
from ...messages import Message

BACI_BASE_URL = "https://www.cepii.fr/DATA_DOWNLOAD/baci/data"

RELEASE = re.compile(r"^V?(\d{6}[a-z]?)$", re.IGNORECASE)


def release_name(release: str) -> str:
    """``202401`` / ``V202401`` / ``v202401b`` -> ``V202401`` / ``V202401b``; ConfigError otherwise."""
    m = RELEASE.match(str(release).strip())
    if not m:
        raise ConfigError(Message("dl_baci_release", release=release))
    digits = m.group(1)
    return "V" + digits[:6] + digits[6:].lower()


def baci_url(release: str, *, classification: str = "HS17", base_url: str = BACI_BASE_URL) -> str:
    """The URL of a BACI release zip."""
    if classification not in BACI_CLASSIFICATIONS:
        raise ConfigError(Message("dl_not_valid", what="BACI classification", value=classification,
                                  allowed=", ".join(BACI_CLASSIFICATIONS)))
    return f"{base_url.rstrip('/')}/BACI_{classification}_{release_name(release)}.zip"


def download_baci(
    release: str,
    *,
    classification: str = "HS17",
    dest: str | Path,
    base_url: str = BACI_BASE_URL,
    sha256: str | None = None,
    progress: bool = True,
    session: requests.Session | None = None,
    retry: RetryPolicy = RetryPolicy(),
) -> Path:
    """Download ``BACI_<classification>_<release>.zip`` into the folder ``dest`` (or to the
    file ``dest`` when it ends in ``.zip``); resumable, see :func:`download_file`."""
    url = baci_url(release, classification=classification, base_url=base_url)
    dest = Path(dest)
    target = dest if dest.suffix.lower() == ".zip" else dest / url.rsplit("/", 1)[1]
    # what arrives must be a zip (an HTML error page with status 200 is refused, not saved)
    return download_file(url, target, sha256=sha256, progress=progress, session=session, retry=retry, timeout=120.0,
                         check=zip_check)


__all__ = ["BACI_BASE_URL", "baci_url", "download_baci", "release_name"]
