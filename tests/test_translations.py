"""Translations stay whole: every word a template shows is marked, the catalogues say what
the code says (``make messages`` would change nothing), and each catalogue compiles to the
committed ``django.mo``; Dutch is complete and te reo Māori covers what it promises."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings

KAHUI = Path(__file__).resolve().parent.parent / "kahui"
LOCALE = KAHUI / "locale"

# Words a page may show as they are in every language: names, not sentences.
AS_THEY_ARE = {
    "Kāhui",
    "RTLB",
    "PLG",
    "PLGs",
    "He",
    "Pikorua",
    "OK",
    "Markdown",
    "iCal",
    "CSV",
    "PDF",
    "XLSX",
    "JSON",
    "URL",
    "SMTP",
    "IMAP",
    # He Pikorua's stages, named in te reo Māori in every language.
    "Whakawhanaungatanga",
    "Kohikohi",
    "Āta",
    "Whakaaro",
    "Tātai",
    "Whakamahi",
    "Whai",
}
# Fragments that build a tag or its attributes from template tags: no text of their own.
FRAGMENTS = {
    "core/templates/allauth/elements/button.html",
    "discussions/templates/discussions/_mention_attrs.html",
}
# Attributes whose values people read or hear.
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "label"}
# Template tags whose content is not shown as it is written.
SKIPPED_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
    "plural": None,
}
WORD = re.compile(r"[^\W\d_]{2,}")


class _Words(HTMLParser):
    """The words of an HTML fragment a reader meets: text outside script and style,
    and the attributes read aloud or shown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.words.extend(WORD.findall(value))

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.words.extend(WORD.findall(data))


def unmarked_words(source: str) -> list[str]:
    """Words in a template's text that no translation tag covers. Template tags and
    variables become a neutral placeholder, so an attribute such as
    ``title="{% translate 'Edit' %}"`` counts as marked."""
    pieces: list[str] = []
    closing: list[str] = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if closing and name == closing[-1]:
                closing.pop()
            elif SKIPPED_BLOCKS.get(name):
                closing.append(SKIPPED_BLOCKS[name])
            elif token.contents.split()[:2] == ["block", "style"]:
                closing.append("endblock")
            pieces.append("0")
        elif token.token_type == TokenType.TEXT and not closing:
            pieces.append(token.contents)
        else:
            pieces.append("0")
    parser = _Words()
    parser.feed("".join(pieces))
    parser.close()
    return [word for word in parser.words if word not in AS_THEY_ARE]


def _templates():
    for path in sorted(KAHUI.glob("*/templates/**/*")):
        if path.suffix in {".html", ".txt"} and path.is_file():
            yield path


def test_the_scan_finds_an_unmarked_word_and_passes_a_marked_one():
    assert unmarked_words("<p>Save changes</p>") == ["Save", "changes"]
    assert unmarked_words('<button aria-label="Close">×</button>') == ["Close"]
    assert unmarked_words("<p>{% translate 'Save changes' %}</p>") == []
    assert unmarked_words("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}") == []
    assert unmarked_words("<script>const done = true;</script>{# note #}") == []
    assert unmarked_words('<a title="{% translate "Edit" %}">{{ name }}</a> · 3') == []
    assert unmarked_words("<p>Kāhui</p>") == []
    assert unmarked_words("{% block style %}p { color: red }{% endblock %}") == []


def test_every_template_word_is_marked_for_translation():
    found = {}
    for path in _templates():
        if str(path.relative_to(KAHUI)) in FRAGMENTS:
            continue
        words = unmarked_words(path.read_text(encoding="utf-8"))
        if words:
            found[str(path.relative_to(KAHUI))] = words[:6]
    assert not found, "Unmarked words (wrap them in {% translate %}): " + "; ".join(
        f"{name}: {' '.join(words)}" for name, words in found.items()
    )


def _entries(po: Path) -> str:
    """A catalogue without the header lines that change on every run."""
    return "\n".join(
        line
        for line in po.read_text(encoding="utf-8").splitlines()
        if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))
    )


def test_make_messages_would_change_no_catalogue(tmp_path, monkeypatch):
    """Run makemessages over a copy of the sources and compare what it writes with
    what is committed: a new or changed string without ``make messages`` fails here."""
    copy = tmp_path / "kahui"
    shutil.copytree(KAHUI, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"))
    languages = sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command(
            "makemessages",
            keep_pot=True,
            add_location="file",
            locale=languages or ["en"],
            verbosity=0,
        )
    if not languages:
        shutil.rmtree(copy / "locale" / "en")
    changed = [
        str(po.relative_to(LOCALE))
        for po in [LOCALE / "django.pot", *LOCALE.glob("*/LC_MESSAGES/django.po")]
        if _entries(po) != _entries(copy / "locale" / po.relative_to(LOCALE))
    ]
    assert not changed, f"Run `make messages`: it would change {changed}"


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.mark.parametrize("language", ["nl", "mi"])
def test_the_catalogue_compiles_to_what_is_committed(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
    assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes(), (
        f"{language}: run `make messages` to compile the catalogue again"
    )


def test_dutch_translates_every_string():
    figures = _statistics(LOCALE / "nl" / "LC_MESSAGES" / "django.po")
    assert "untranslated" not in figures, figures
    assert "fuzzy" not in figures, figures


def test_te_reo_maori_covers_the_navigation_the_stages_and_the_greetings():
    from django.utils import translation

    from kahui.groups.stages import Stage

    with translation.override("mi"):
        names = [str(label) for label in Stage.labels]
        shown = {
            text: str(translation.gettext(text))
            for text in ["Dashboard", "Explore", "Search", "Save", "Cancel", "Sign out"]
        }
    english = [str(label) for label in Stage.labels]
    untranslated = [text for text, shown_as in shown.items() if shown_as == text]
    assert not untranslated, f"Not in te reo Māori: {untranslated}"
    assert names != english
    for name in names:
        assert name.split(" — ")[0] in {n.split(" — ")[0] for n in english}, name
