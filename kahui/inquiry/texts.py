"""User-facing texts in the inquiry app's pure modules. Pure: no Django.

The pure modules (inquiry models, analysis, importing, charts) hold texts that people
read — prompts, error messages, chart descriptions — but must not import Django. They
mark each text with ``gettext_noop``, a function that returns its argument unchanged.
``gettext_noop`` is in the keyword list Django's ``makemessages`` hands to xgettext, so
``make messages`` collects every marked text into the catalogues; the Django layer
translates a text when it shows it, in the viewer's language, by passing
``django.utils.translation.gettext`` wherever a function here takes ``translate``.

Texts with values in them are kept apart from their values as a ``Message``: the
marked template (``"Row %(row)s: …"``, the ``%(name)s`` placeholders Django uses, so
translators see ``python-format`` strings) and its parameters. The template is
translated first and the values formatted in afterwards, so a translation can move
them around the sentence.

Keep the marker's name: xgettext finds texts by the called function's name, so an
alias such as ``_ = gettext_noop`` here would hide them from the catalogues.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Translate = Callable[[str], str]
"""A function from a marked text to the text in the reader's language."""

Param = str | int | float


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation and return it unchanged."""
    return message


def untranslated(message: str) -> str:
    """The ``translate`` that leaves texts in English (the default everywhere)."""
    return message


@dataclass(frozen=True)
class Message:
    """A user-facing text with values to format in: ``template % params``."""

    template: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def render(self, translate: Translate = untranslated) -> str:
        """The text in the reader's language, values formatted in.

        A message without parameters is not formatted, so its template may hold a
        plain ``%`` (as ``gettext`` texts without placeholders do in Django)."""
        text = translate(self.template)
        return text % dict(self.params) if self.params else text

    @property
    def text(self) -> str:
        """The text in English, values formatted in."""
        return self.render()

    def __str__(self) -> str:
        return self.text
