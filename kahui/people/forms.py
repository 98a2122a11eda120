from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kahui.accounts.choices import SUBJECTS, YEAR_LEVELS, EducatorRole
from kahui.core.models import FocusArea


class PeopleSearchForm(forms.Form):
    """People search's filters, sent by GET so that the page works without
    JavaScript and a search can be bookmarked."""

    q = forms.CharField(label=_("Name or interest"), required=False, max_length=100)
    interest = forms.ModelChoiceField(
        label=_("Focus area"),
        queryset=FocusArea.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any focus area"),
    )
    year_level = forms.ChoiceField(
        label=_("Year level"), choices=[("", _("Any year level")), *YEAR_LEVELS], required=False
    )
    subject = forms.ChoiceField(
        label=_("Subject / learning area"),
        choices=[("", _("Any subject")), *SUBJECTS],
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("Any role")), *EducatorRole.choices], required=False
    )

    def __init__(self, *args, focus_areas: QuerySet[FocusArea], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest"].queryset = focus_areas
