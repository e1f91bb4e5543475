"""Take screenshots of pages at 360 and 1280 px (a developer's tool, not part of the suite).

Usage: .venv/bin/python scripts/screenshots.py USER PATH [PATH ...]
Signs in as a demo USER on a running demo server (http://127.0.0.1:8000) and writes PNGs to
screenshots/.
"""

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = os.environ.get("KRACHTBRON_URL", "http://127.0.0.1:8000")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sign_in(page, username: str) -> None:
    page.goto(BASE + "/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", "krachtbron-demo")
    page.click("main form button[type=submit]")
    code = page.text_content(".demo-code") or ""
    page.fill("#id_code", re.sub(r"\D", "", code))
    page.click("main form button[type=submit]")


def main() -> None:
    username, paths = sys.argv[1], sys.argv[2:]
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, username)  # once: a TOTP code works only once
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            for path in paths:
                page.goto(BASE + path)
                name = re.sub(r"[^a-z0-9]+", "_", f"{username}{path}".lower()).strip("_")
                page.screenshot(path=str(out / f"{name}_{width}.png"), full_page=True)
                print(out / f"{name}_{width}.png")
        page.close()
        browser.close()


if __name__ == "__main__":
    main()
