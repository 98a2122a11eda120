"""Browser tests: Playwright driving Debian's Chromium against pytest-django's
live server. Every test here is marked ``browser``."""

import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture
def page(page):
    page.set_default_timeout(10_000)
    return page


_axe = Axe()


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on the current page."""
    results = _axe.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, f"{page.url}: " + "; ".join(bad)


def assert_fits(page, width: int = 360) -> None:
    """Nothing makes the page scroll sideways on a phone."""
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth")
    if overflow > width:
        culprits = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1)
                .filter(e => !e.parentElement.closest('.table-wrap'))
                .slice(0, 5).map(e => e.tagName + '.' + e.className)""",
            width,
        )
        raise AssertionError(f"{page.url} is {overflow}px wide at {width}px: {culprits}")
    page.set_viewport_size({"width": 1280, "height": 900})


def last_link(to: str, pattern: str) -> str:
    """The last link matching ``pattern`` in the newest email to ``to``."""
    for message in reversed(mail.outbox):
        if to in message.to:
            links = re.findall(pattern, message.body)
            if links:
                return links[-1]
    raise AssertionError(f"No email to {to} with a link like {pattern}")
