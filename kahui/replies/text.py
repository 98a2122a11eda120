"""What a reply says: the new text of an email, without the quoted email it answers
and without the writer's signature.

mail-parser-reply finds the quote headers and signatures of many mail clients and
languages ("On … wrote:", Outlook's "From: … Sent: …", Dutch "Van: … Verzonden: …",
"Met vriendelijke groet"). A few headers it does not know are cut here too: Gmail's
and Apple Mail's Dutch ("Op … schreef Naam <adres>:", "Op … heeft … het volgende
geschreven:"). An email with no plain-text part is read from its HTML, leaving out
what mail clients mark as the quote (a ``blockquote``, Gmail's ``gmail_quote``,
Outlook's ``divRplyFwdMsg``) and signature."""

import re
from html.parser import HTMLParser

from mailparser_reply import EmailMessage
from mailparser_reply.constants import MAIL_LANGUAGES

LANGUAGES = [code for code in MAIL_LANGUAGES if len(code) == 2]

# Quote headers mail-parser-reply misses, each up to the end of its (possibly wrapped)
# line: everything from one of them on is the quoted email.
EXTRA_HEADERS = [
    re.compile(r"^[> ]*Op\s.{4,200}?\sschreef\s[^\n]{1,200}?:\s*$", re.M | re.S),
    re.compile(r"^[> ]*Op\s.{4,200}?\sheeft\s.{1,200}?het volgende geschreven:\s*$", re.M | re.S),
    re.compile(r"^[> ]*Am\s.{4,200}?\sschrieb\s[^\n]{1,200}?:\s*$", re.M | re.S),
    re.compile(r"^[> ]*Le\s.{4,200}?\sa écrit\s?:\s*$", re.M | re.S),
]
QUOTED_TAIL = re.compile(r"(?:\n\s*>[^\n]*)+\s*\Z")


def reply_text(text: str) -> str:
    """The new part of a plain-text reply."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for header in EXTRA_HEADERS:
        found = header.search(text)
        if found:
            text = text[: found.start()]
    message = EmailMessage(text=text, languages=list(LANGUAGES), keep_hyphen_lists=True).read()
    body = message.replies[0].body if message.replies else ""
    body = QUOTED_TAIL.sub("", "\n" + body)
    return _tidy(body)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# Elements whose start marks the quoted email: nothing after them is the reply.
QUOTE_STARTS = {"gmail_quote", "gmail_quote_container", "divRplyFwdMsg", "appendonsend"}
SKIPPED = {"style", "script", "head", "title", "blockquote"}
SKIPPED_CLASSES = {"gmail_signature", "moz-signature"}
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ul", "ol"}


class _HtmlReply(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the open elements being left out
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        values = dict(attrs)
        marks = set((values.get("class") or "").split()) | {values.get("id") or ""}
        if marks & QUOTE_STARTS:
            self.done = True
            return
        if self.skipping or tag in SKIPPED or marks & SKIPPED_CLASSES:
            if tag not in {"br", "hr", "img", "meta", "link", "input"}:
                self.skipping.append(tag)
            return
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.done and not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(html: str) -> str:
    """The text of an HTML email, without its quoted part and signature."""
    parser = _HtmlReply()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    return "\n".join(line.strip() for line in text.split("\n"))
