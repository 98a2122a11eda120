"""Extension points: how an app lets the apps above it plug in without importing them.

An app that owns a page or a process keeps a :class:`Registry` of what others may add
to it (the periodic jobs of ``kahui scheduler``, the parts of the group home, ...).
The apps above fill it when Django starts, in their ``AppConfig.ready()``, and the
owner reads it whenever it runs, so imports keep pointing down the layers (see
docs/ARCHITECTURE.md)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


class Registry[T]:
    """Named entries, in the order they were first added."""

    def __init__(self, purpose: str) -> None:
        self.purpose = purpose
        self._entries: dict[str, T] = {}

    def add(self, name: str, entry: T) -> T:
        """Add ``entry`` as ``name``; adding a name again replaces its entry in place."""
        self._entries[name] = entry
        return entry

    def names(self) -> list[str]:
        return list(self._entries)

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def __repr__(self) -> str:
        return f"<Registry of {self.purpose}: {', '.join(self._entries) or 'nothing yet'}>"


@dataclass(frozen=True)
class PagePart:
    """A piece of another app's page: the template the page includes where it keeps
    its parts, and the function that gives its context (None: nothing to show to this
    viewer). The page merges that context into its own."""

    template: str
    context: Callable[..., dict[str, Any] | None]
