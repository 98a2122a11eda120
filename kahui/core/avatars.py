"""A person's avatar: their uploaded picture, or their initials on a colour chosen
from their id, so the same person always has the same colour. Every colour of the
palette carries white initials at a contrast of at least 4.5:1 (WCAG AA)."""

import zlib

# Classes .avatar-c0 … .avatar-c7 in kahui.css, one colour each.
PALETTE_SIZE = 8

# Sizes in pixels and the class that draws each; other sizes take the nearest.
SIZES = {24: "avatar-small", 32: "", 56: "avatar-large", 96: "avatar-xl"}


def initials(name: str) -> str:
    """The first letters of the first and last words: “Aroha Te Rangi” → “AR”."""
    words = [word for word in name.split() if word[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def colour(key: str) -> int:
    """A stable colour number for ``key`` (a person's public id): the same on every page,
    every process and every run."""
    return zlib.crc32(key.encode()) % PALETTE_SIZE


def size_class(pixels: int) -> tuple[int, str]:
    """The drawn size nearest ``pixels`` and its class."""
    nearest = min(SIZES, key=lambda size: abs(size - pixels))
    return nearest, SIZES[nearest]
