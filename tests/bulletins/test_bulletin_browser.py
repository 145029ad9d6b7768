"""The bulletin's HTML page in a real browser: headless Chromium (the system's, through Playwright).

It loads with no console errors and no network requests, every section is there, Chinese text is
set in a CJK font, it prints to A4, and a full-page screenshot is taken. Without a browser the test
skips and says why; where ``EZHOU_REQUIRE_BROWSER`` is set (CI) a missing browser fails it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _bulletin_data import example_q2
from ezhou_recovery.bulletins.sections import outline

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for candidate in (
        os.environ.get("EZHOU_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright; the bulletin extra)"
    if _chromium() is None:
        return (
            "no Chromium found at /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk, "
            "or set EZHOU_CHROMIUM)"
        )
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("EZHOU_REQUIRE_BROWSER"):
            pytest.fail(f"EZHOU_REQUIRE_BROWSER is set but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_the_page_in_headless_chromium(browser: Any, tmp_path: Path) -> None:
    bulletin = example_q2()
    page_file = tmp_path / "bulletin.html"
    page_file.write_text(bulletin.to_html(), encoding="utf-8")
    url = page_file.as_uri()

    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")

    assert errors == []
    assert [r for r in requests if r != url] == []

    for section in outline(bulletin):
        heading = page.locator(f"#{section.anchor}")
        assert heading.count() == 1, section.anchor
        assert heading.inner_text().strip() == section.title
        assert heading.is_visible()
    assert page.locator("figure svg").count() == 2
    assert page.locator("nav a").count() == sum(1 for s in outline(bulletin) if s.level == 1)

    # Chinese is set in a CJK font the page lists (fonts-noto-cjk in CI)
    has_cjk_font = page.evaluate(
        "() => document.fonts.check('16px \"Noto Sans CJK SC\"', '通报')"
        " || document.fonts.check('16px \"WenQuanYi Micro Hei\"', '通报')"
    )
    if os.environ.get("EZHOU_REQUIRE_BROWSER"):
        assert has_cjk_font
    width = page.evaluate(
        "() => { const s = document.createElement('span'); s.textContent = '通报通报';"
        " document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove();"
        " return w; }"
    )
    assert width > 40  # four full-width glyphs, not empty boxes of nothing

    shots = tmp_path / "screenshots"
    shots.mkdir()
    shot = shots / "bulletin-full.png"
    page.screenshot(path=str(shot), full_page=True)
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG")
    height = int.from_bytes(png[20:24], "big")
    assert height > 3000  # the whole page, not the viewport

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") > 1
    page.close()
