"""Take the README's screenshots from a running demo: ``python scripts/screenshot.py URL``.

Logs in as the demo process director and saves docs/screenshots/*.png. Needs Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PAGES = {"home": "/", "parties": "/partijen/"}
EXTRA = sys.argv[2:]  # more pages as name=path

with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page.goto(BASE + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("procesregisseur")
    page.get_by_label("Wachtwoord").fill("demo-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("load")
    pages = dict(PAGES, **dict(item.split("=", 1) for item in EXTRA))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path in pages.items():
        page.goto(BASE + path)
        page.screenshot(path=str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")
    browser.close()
