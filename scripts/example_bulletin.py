"""Build the example bulletin: the example dataset's 2021Q2 against 2021Q1, in every rendering.

    python scripts/example_bulletin.py OUTDIR [--screenshot PNG]

Writes ``OUTDIR/2021Q1.json`` (the previous bulletin, stored as a document) and
``OUTDIR/2021Q2.html``, ``.docx``, ``.md`` and ``.json`` through the command line, as an office
would. With ``--screenshot``, opens the HTML page in headless Chromium (the system's, through
Playwright) and saves its first page (an A4 page's proportions) as a PNG for the documentation.
Without a browser it draws a PNG that says so, unless ``EZHOU_REQUIRE_BROWSER`` is set (CI), when
it fails.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ezhou_recovery.cli import main as cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build(out: Path) -> Path:
    """Write the example bulletins into ``out``; returns the HTML page's path."""
    out.mkdir(parents=True, exist_ok=True)
    previous = out / "2021Q1.json"
    runs = [["--as-of", "2021-03-31", "--format", "json", "-o", str(previous)]]
    for fmt, suffix in (("html", "html"), ("docx", "docx"), ("md", "md"), ("json", "json")):
        runs.append(
            [
                "--as-of",
                "2021-06-30",
                "--previous",
                str(previous),
                "--format",
                fmt,
                "-o",
                str(out / f"2021Q2.{suffix}"),
            ]
        )
    for args in runs:
        code = cli(["bulletin", *args])
        if code != 0:
            raise SystemExit(f"ezhou-recovery bulletin {' '.join(args)} exited with {code}")
    return out / "2021Q2.html"


def screenshot(page_file: Path, png: Path) -> None:
    """The first page of ``page_file`` (1000 px wide, an A4 page's height) as ``png``."""
    png.parent.mkdir(parents=True, exist_ok=True)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser(png, "Playwright is not installed")
        return
    if not Path(CHROMIUM).is_file():
        _no_browser(png, f"no Chromium at {CHROMIUM}")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1414})
            page.goto(page_file.resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(png))
        finally:
            browser.close()


def _no_browser(png: Path, reason: str) -> None:
    if os.environ.get("EZHOU_REQUIRE_BROWSER"):
        raise SystemExit(f"EZHOU_REQUIRE_BROWSER is set but {reason}")
    print(f"example_bulletin.py: {reason}; the screenshot says so instead", file=sys.stderr)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(6, 1))
    fig.text(0.5, 0.5, f"No screenshot: {reason} (apt-get install chromium)", ha="center")
    fig.savefig(png)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    """Run the script; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder for the bulletins")
    parser.add_argument("--screenshot", type=Path, metavar="PNG", help="the first page as PNG")
    args = parser.parse_args(argv)
    page = build(args.out)
    if args.screenshot is not None:
        screenshot(page, args.screenshot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
