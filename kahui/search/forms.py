"""The search page's filters, sent by GET so that the page works without JavaScript
and a search can be bookmarked."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.groups.models import LearningGroup

# What a reader calls a type of result, and the kinds of document in the index it covers.
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "meeting": (_("Meetings"), ("meeting", "minutes")),
    "decision": (_("Decisions"), ("decision", "proposal")),
    "thread": (_("Threads"), ("post",)),
    "resource": (_("Resources"), ("resource",)),
    "person": (_("People"), ("person",)),
    "group": (_("Groups"), ("group",)),
    "reflection": (_("Shared reflections"), ("reflection",)),
}
# What each kind of document is called on a result.
KIND_LABELS = {
    "meeting": _("Meeting"),
    "minutes": _("Minutes"),
    "decision": _("Decision"),
    "proposal": _("Proposal"),
    "post": _("Discussion"),
    "resource": _("Resource"),
    "person": _("Person"),
    "group": _("Group"),
    "reflection": _("Shared reflection"),
}
QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find meetings, decisions, threads, resources, people and groups"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": QUERY_LENGTH}),
    )
    type = forms.MultipleChoiceField(
        label=_("Type"),
        required=False,
        choices=[(code, label) for code, (label, _kinds) in TYPES.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    group = forms.ChoiceField(label=_("Group"), required=False)

    def __init__(self, *args, groups: Sequence[LearningGroup], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {str(group.public_id): group for group in groups}
        self.fields["group"].choices = [("", _("Any group")), *self._group_choices(groups)]
        # "from" and "to" read well in the address but are not Python names.
        date = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["from"] = forms.DateField(label=_("From"), required=False, widget=date)
        self.fields["to"] = forms.DateField(label=_("To"), required=False, widget=date)

    @staticmethod
    def _group_choices(groups: Sequence[LearningGroup]) -> list[tuple[str, str]]:
        return [(str(group.public_id), group.name) for group in groups]

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()[:QUERY_LENGTH]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("Choose a date on or after the “from” date."))
        return cleaned

    def show_counts(self, counts: dict[str, int]) -> None:
        """Put the number of matches beside each type."""
        self.fields["type"].choices = [
            (code, f"{label} ({sum(counts.get(kind, 0) for kind in kinds)})")
            for code, (label, kinds) in TYPES.items()
        ]

    def kinds(self) -> list[str]:
        return [kind for code in self.cleaned_data.get("type") or () for kind in TYPES[code][1]]

    def in_group(self) -> LearningGroup | None:
        return self.groups.get(self.cleaned_data.get("group") or "")
