"""Markdown for shared text (minutes, notes): rendered with markdown-it and then
sanitised with nh3, so no script, style or event handler ever reaches a page."""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> SafeString:
    """Markdown → safe HTML. Links get rel="noopener noreferrer nofollow"."""
    text = str(text or "")
    if len(text) > CACHED_UP_TO:
        return _render.__wrapped__(text)
    return _render(text)


# The same text always gives the same HTML, and a thread or the minutes are read far
# more often than written: keep recent renderings (at most 4,096 × 8,000 characters
# per process).
CACHED_UP_TO = 8000


@lru_cache(maxsize=4096)
def _render(text: str) -> SafeString:
    html = _md.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # sanitised by nh3 just above
