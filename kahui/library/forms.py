from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import MarkdownTextarea
from kahui.core.models import FocusArea
from kahui.groups.stages import Stage
from kahui.library import services
from kahui.library.models import Principle, ProductKind, ResourceKind, Visibility


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you sharing?"),
        # Shared products are begun on their own page, and written together there.
        choices=[c for c in ResourceKind.choices if c[0] != ResourceKind.PRODUCT],
        widget=forms.RadioSelect,
        initial=ResourceKind.LINK,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("Kāhui does not visit the link; describe it below."),
    )
    upload = forms.FileField(label=_("File"), required=False)
    body = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=50000,
        widget=MarkdownTextarea(attrs={"rows": 6}),
        help_text=_("Markdown works."),
    )
    description = forms.CharField(
        label=_("What is it, and why is it useful?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minutes = forms.IntegerField(
        label=_("Time to read or watch (minutes)"), required=False, min_value=1, max_value=600
    )
    stage = forms.ChoiceField(
        label=_("He Pikorua stage it serves"),
        choices=[("", _("— any —")), *Stage.choices],
        required=False,
    )
    principles = forms.MultipleChoiceField(
        label=_("Practice principles"),
        choices=Principle.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        queryset=FocusArea.objects.accepted(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=Visibility.choices,
        initial=Visibility.GROUP,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _(
            "Up to %(limit)s: PDF, Office and OpenDocument files, images, audio, video, "
            "text and CSV."
        ) % {"limit": services.megabytes(services.upload_limit())}
        # The shared tags, and the group's own that still wait for review.
        self.fields["focus_areas"].queryset = FocusArea.objects.offered(
            held=group.focus_areas.all()
        )
        _audiences_of(self.fields["visibility"], group)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ResourceKind.LINK and not cleaned.get("url"):
            self.add_error("url", _("Add the link."))
        if kind == ResourceKind.FILE and not cleaned.get("upload"):
            self.add_error("upload", _("Choose a file to upload."))
        if kind == ResourceKind.NOTE and not (cleaned.get("body") or "").strip():
            self.add_error("body", _("Write the note."))
        return cleaned


def _audiences_of(field: forms.ChoiceField, group) -> None:
    """Offer "everyone in the organisation" only to a group that belongs to one."""
    if group.organisation_id is None:
        field.choices = [c for c in Visibility.choices if c[0] != Visibility.ORGANISATION]


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Visibility.choices)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        _audiences_of(self.fields["visibility"], group)


class SaveToGroupForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Save to"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        from kahui.groups.models import LearningGroup

        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = LearningGroup.objects.filter(
            memberships__user=user
        ).order_by("name")


class CollectForm(forms.Form):
    name = forms.CharField(
        label=_("Collection"),
        max_length=120,
        help_text=_("An existing collection's name, or a new one."),
    )


class ProductForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    product_kind = forms.ChoiceField(
        label=_("What is it?"), choices=ProductKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What is it for?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Its text"),
        max_length=50000,
        widget=MarkdownTextarea(attrs={"rows": 14}),
        help_text=_("Markdown works: # headings, - lists, | tables |. Every member can edit it."),
    )


class ProductEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Its text"),
        max_length=50000,
        widget=MarkdownTextarea(attrs={"rows": 18}),
        help_text=_("Markdown works. Every version is kept."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RestoreForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
