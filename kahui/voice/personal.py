"""Whether a short answer seems to hold something personal: an email address, a phone
number, or a name. Pure: no Django, nothing of Kāhui.

A survey asks nothing personal, but a learner may still write "Mr Smith helps me" or
their own address. The page then warns, gently, and lets them change the answer or send
it as it is: a guess can be wrong (names of places, books and characters look like
names too), so nothing is refused. The guesses are simple:

- something shaped like an email address, or seven or more digits in a row (a phone);
- "my name is …" and its te reo Māori and Dutch forms;
- a title before a capitalised word ("Mr Smith", "Whaea Aroha", "juf Anna");
- two capitalised words in a row that do not start a sentence ("with Aroha Ngata").
"""

import re

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE = re.compile(r"(?:\d[\s-]?){7,}")
_INTRODUCTION = re.compile(
    r"\b(?:my name is|i am called|ko\s+\w+\s+tōku ingoa|tōku ingoa|ik heet|mijn naam is)\b",
    re.IGNORECASE,
)
_TITLES = (
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "whaea",
    "matua",
    "koka",
    "juf",
    "juffrouw",
    "meester",
    "meneer",
    "mevrouw",
)
_TITLE = re.compile(r"\b(?:" + "|".join(_TITLES) + r")\.?\s+[A-ZĀĒĪŌŪ][\wāēīōū'-]+", re.IGNORECASE)
_CAPITALISED_PAIR = re.compile(
    r"(?<![.!?]\s)(?<!^)\b[A-ZĀĒĪŌŪ][a-zāēīōū'-]+\s+[A-ZĀĒĪŌŪ][a-zāēīōū'-]+"
)


def looks_personal(text: str) -> bool:
    """Whether ``text`` seems to contain an email address, a phone number or a name."""
    text = text.strip()
    if not text:
        return False
    if _EMAIL.search(text) or _PHONE.search(text) or _INTRODUCTION.search(text):
        return True
    if _TITLE.search(text):
        return True
    return any(_CAPITALISED_PAIR.search(line.strip()) for line in text.splitlines())
