"""Helpers for real-browser tests in Debian's Chromium (Playwright, sync API)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.testing.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium(*, speech: bool = False) -> Iterator[Any]:
    """Debian's Chromium, headless, for the block. Closes the database connections the block
    opened itself (see ``_close_connections_opened_inside``). With ``speech`` its
    ``speechSynthesis`` has real voices: Chromium on Linux speaks through speech-dispatcher
    (espeak-ng; both installed by ``scripts/install-system-deps.sh test``), which it starts
    itself; the voices arrive a few seconds after the first page (``voiceschanged``)."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    outside = {alias: connections[alias] for alias in connections}
    args = CHROMIUM_ARGS + (["--enable-speech-dispatcher"] if speech else [])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            yield browser
        finally:
            browser.close()
            _close_connections_opened_inside(outside)


def _close_connections_opened_inside(outside: dict[str, Any]) -> None:
    """Playwright's sync API runs an event loop in the test's thread, so inside its block
    Django keeps the database connections per context (asgiref ``Local``): a query there (the
    TOTP code while signing in) opens a connection of its own, which nothing closed. On
    PostgreSQL it stayed open after the last test, and dropping the test database failed
    ("is being accessed by other users"). The test's own connections are left alone."""
    from django.db import connections

    for alias in connections:
        inside = connections[alias]
        if inside is not outside[alias]:
            inside.close()


def phone_with_passkeys(browser: Any, viewport: dict[str, int]) -> Any:
    """A page on a phone of the member's own: a browser context of ``viewport`` size with a
    platform authenticator that keeps resident passkeys and verifies its user (Chrome
    DevTools Protocol, WebAuthn domain): real WebAuthn ceremonies, no stand-in."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return page


def totp_code(user: Any) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(page: Any, base_url: str, user: Any, password: str = PASSWORD) -> None:
    """Sign in through the real pages: password, then the TOTP code."""
    page.goto(base_url + "/inloggen/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.fill("#id_code", totp_code(user))
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/inloggen" not in url)


def loaded(page: Any) -> Any:
    """``page`` once its document has loaded; returns the page. Playwright's ``click`` returns
    when the page it opened has been taken on (its headers are in), which may be before there
    is a document to read: axe-core then found ``document.documentElement`` null (a CI run),
    and ``page.evaluate`` or ``all_inner_texts`` would read an empty page. Every helper here
    that reads the page calls this first; a test reading the page itself after a click that
    navigates does too. The live server of the tests sends each page's body a moment after its
    headers (``conftest.py``), so a test that forgets fails every time, not now and then."""
    page.wait_for_load_state("load")
    return page


def page_width(page: Any) -> int:
    """The width of the loaded page in CSS px (``scrollWidth``): more than the viewport means
    the page scrolls sideways."""
    width: int = loaded(page).evaluate("document.documentElement.scrollWidth")
    return width


#: What axe-core checks: the WCAG 2.1 AA rules.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 AA rules, ``AXE_OPTIONS``) on the current page, once it has
    loaded; return the violations. axe-core is the copy ``axe-playwright-python`` ships; it is
    put into the page only when the page does not have it yet (a page filled with
    ``set_content`` keeps it, as in the family pages sweep: ~50 ms a page saved)."""
    from axe_playwright_python.sync_playwright import Axe

    page = loaded(page)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(Axe().axe_script)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    violations: list[dict[str, Any]] = results["violations"]
    return violations


_BROKEN_WORDS = """() => {
  const hidden = (element) => {
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.clipPath !== "none" || style.clip !== "auto") return true;
    }
    return false;
  };
  const broken = [];
  for (const cell of document.querySelectorAll("main th, main td")) {
    if (hidden(cell)) continue;  // 1 px wide on purpose: read aloud, not seen
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


_CUT_CHOICES = """() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const cut = [];
  for (const select of document.querySelectorAll("main select")) {
    const style = getComputedStyle(select);
    canvas.font = style.font;
    const shown = select.options[select.selectedIndex]?.text ?? "";
    const arrow = 20;  // Chromium's drop-down arrow, in CSS px
    const room = select.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight) - arrow;
    if (canvas.measureText(shown).width > room) cut.push(shown);
  }
  return cut;
}"""


def cut_choices(page: Any) -> list[str]:
    """The chosen options that their drop-down (``main select``) shows cut off ("Gezinnen:
    Aansluiten bij de kracht va"): on a wide screen every choice fits."""
    cut: list[str] = loaded(page).evaluate(_CUT_CHOICES)
    return cut


def words_broken_in_tables(page: Any) -> list[str]:
    """Words in the page's table cells that the browser split over two lines ("Noor|d"): a
    table cell may wrap between words, never inside one (the table's wrapper scrolls)."""
    broken: list[str] = loaded(page).evaluate(_BROKEN_WORDS)
    return broken


def check_page(
    page: Any, where: str, width: int | None = None, *, shot: str = "", whole_words: bool = False
) -> None:
    """The checks every browser test makes of a page: axe-core finds no WCAG 2.1 AA violation,
    the page is no wider than ``width`` px (default: the viewport), on a wide screen (1024 px
    and more) no drop-down shows its choice cut off (``cut_choices``), with ``whole_words`` no word
    is split in a table cell (``words_broken_in_tables``), and with ``shot`` a full-page
    screenshot `screenshots/<shot>.png` to look at. ``where`` names the page in a failure."""
    from django.conf import settings

    width = width or page.viewport_size["width"]
    violations = axe_violations(page)
    assert violations == [], f"{where}: " + "; ".join(
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations
    )
    scroll = page_width(page)
    assert scroll <= width, f"{where} is {scroll}px wide"
    if width >= 1024:  # a phone cuts a long choice; a wide screen has room for it
        assert cut_choices(page) == [], f"{where}: a choice is cut off in its drop-down"
    if whole_words:
        assert words_broken_in_tables(page) == [], f"{where}: words split over two lines"
    if shot:
        shots = settings.BASE_DIR / "screenshots"
        shots.mkdir(exist_ok=True)
        page.screenshot(path=str(shots / f"{shot}.png"), full_page=True)
