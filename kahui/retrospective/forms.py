from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import UniqueIds
from kahui.retrospective.models import Area, Choice, Retrospective


class RetrospectiveForm(UniqueIds, forms.Form):
    """The whole retrospective on one form: two texts, then a choice and a note for
    each area (fields ``<area>`` and ``<area>_note``)."""

    worked = forms.CharField(
        label=_("What helped us work well together this round?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hindered = forms.CharField(
        label=_("What got in our way?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in Area:
            self.fields[area.value] = forms.ChoiceField(
                label=_("Keep it or change it?"),
                choices=Choice.choices,
                initial=Choice.KEEP,
                widget=forms.RadioSelect,
            )
            self.fields[f"{area.value}_note"] = forms.CharField(
                label=_("What we will change, and how"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def for_retrospective(cls, retro: Retrospective | None, data=None) -> "RetrospectiveForm":
        initial = {}
        if retro is not None:
            initial = {"worked": retro.worked, "hindered": retro.hindered}
            for row in retro.choices.all():
                initial[row.area] = row.choice
                initial[f"{row.area}_note"] = row.note
        return cls(data, initial=initial)

    def clean(self):
        data = super().clean()
        for area in Area:
            if data.get(area.value) == Choice.CHANGE and not data.get(f"{area.value}_note"):
                self.add_error(
                    f"{area.value}_note",
                    _("Say what you will change, so the group can act on it."),
                )
        return data

    def choices(self) -> dict[str, tuple[str, str]]:
        return {
            area.value: (self.cleaned_data[area.value], self.cleaned_data[f"{area.value}_note"])
            for area in Area
        }

    def rows(self, areas):
        """Each of ``areas`` (the page's, in order) with its choice and note fields."""
        return [(view, self[view.area.value], self[f"{view.area.value}_note"]) for view in areas]
