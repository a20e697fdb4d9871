"""Screenshots of the dashboard for the README and docs/dashboard.md.

    .venv/bin/corridor demo                                   # writes corridor-demo/ (real data when ../shared/data exists)
    .venv/bin/python scripts/dashboard_screenshots.py corridor-demo docs/img

Opens the demo's saved pages (``corridor-demo/<page>.html``, offline) in Debian's Chromium
through Playwright, waits until every chart is drawn and writes the top of each page
(1100 x ``--height`` CSS pixels) as ``dashboard-<page>.png``, reduced to a 256-colour
palette when Pillow is installed (the committed images stay small).
"""

from __future__ import annotations

import argparse
from pathlib import Path

PAGES = ("corridor", "composition", "complexity", "opportunities", "check-ru", "data")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, help="the folder of the saved pages (corridor demo's --out)")
    ap.add_argument("out", type=Path, help="where the PNGs go")
    ap.add_argument("--height", type=int, default=980)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    a.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=a.chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1100, "height": a.height})
        for name in PAGES:
            page.goto((a.site / f"{name}.html").resolve().as_uri(), wait_until="domcontentloaded", timeout=120_000)
            page.wait_for_function("() => window.corridorReady === true", timeout=120_000)
            if name.startswith("check"):
                page.locator("mark.claim").nth(1).click()
            page.screenshot(path=str(a.out / f"dashboard-{name}.png"), clip={"x": 0, "y": 0, "width": 1100,
                                                                              "height": a.height})
            _shrink(a.out / f"dashboard-{name}.png")
            print(a.out / f"dashboard-{name}.png")
        browser.close()


def _shrink(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:  # the full-colour PNG is kept
        return
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


if __name__ == "__main__":
    main()
