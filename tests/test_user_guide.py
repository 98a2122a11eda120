"""The user guide (docs/guide/): both languages have the same pages, every picture a
page shows is one the screenshot test takes (and is there), and every relative link
leads to a file, and to a heading when it names one."""

import re
from pathlib import Path

import pytest

from tests.guide_shots import GUIDE, GUIDE_LANGUAGES, SHOTS

ROOT = GUIDE.parent.parent
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def guide_pages(language: str) -> list[Path]:
    return sorted((GUIDE / language).glob("*.md"))


def anchor(heading: str) -> str:
    """The anchor a Markdown renderer such as GitHub's gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {
        anchor(line.lstrip("#")) for line in path.read_text().splitlines() if line.startswith("#")
    }


ALL_PAGES = [page for language in GUIDE_LANGUAGES for page in guide_pages(language)]


def test_each_language_has_the_same_pages():
    names = {
        language: [page.name for page in guide_pages(language)] for language in GUIDE_LANGUAGES
    }
    assert names["en"] == [
        "admins.md",
        "coordinators.md",
        "educators.md",
        "facilitators.md",
        "index.md",
    ]
    for language, pages in names.items():
        assert pages == names["en"], language


def test_the_anchor_of_a_heading():
    assert anchor("Your profile and language") == "your-profile-and-language"
    assert anchor("Wat privé blijft") == "wat-privé-blijft"
    assert anchor("Inquiry: He Pikorua") == "inquiry-he-pikorua"


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_pictures_are_the_screenshots_of_the_pages_language(page):
    language = page.parent.name
    shown = IMAGE.findall(page.read_text())
    for target in shown:
        path = (page.parent / target).resolve()
        assert path.parent == GUIDE / "images" / language, f"{page.name}: {target}"
        assert path.suffix == ".png", target
        assert path.stem in SHOTS, f"{page.name}: {target} is not taken by the screenshot test"
        assert path.is_file(), f"{page.name}: {target} is missing"


def test_every_screenshot_is_shown_somewhere_in_each_language():
    for language in GUIDE_LANGUAGES:
        shown = {
            Path(target).stem
            for page in guide_pages(language)
            for target in IMAGE.findall(page.read_text())
        }
        assert shown == set(SHOTS), language


def test_no_stale_screenshots_are_left():
    for language in GUIDE_LANGUAGES:
        files = {path.stem for path in (GUIDE / "images" / language).iterdir()}
        assert files == set(SHOTS), language


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_relative_links_resolve(page):
    links = LINK.findall(page.read_text())
    assert links, page
    for target in links:
        if re.match(r"[a-z]+:", target):
            continue
        file, _, heading = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        assert path.is_file(), f"{page.name}: {target}"
        assert path.is_relative_to(ROOT / "docs"), f"{page.name}: {target} leaves docs/"
        if heading:
            assert heading in anchors(path), f"{page.name}: no heading #{heading} in {file}"


def test_the_guide_is_linked_from_the_readme_and_docs():
    assert "docs/guide/en/index.md" in (ROOT / "README.md").read_text()
    assert "docs/guide/nl/index.md" in (ROOT / "README.md").read_text()
    assert "guide/en/index.md" in (ROOT / "docs" / "DEPLOY.md").read_text()
