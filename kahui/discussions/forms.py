from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import MarkdownTextarea, UniqueIds
from kahui.discussions.models import ThreadKind

MARKDOWN_HELP = _(
    "Markdown works: **bold**, *italic*, - lists, [links](https://…). "
    "Mention a member with @ and their name, e.g. @HemiWalker."
)


def message_field(label, *, rows: int) -> forms.CharField:
    """A message in Markdown, with the help that says how to write one."""
    return forms.CharField(
        label=label,
        max_length=20000,
        help_text=MARKDOWN_HELP,
        widget=MarkdownTextarea(attrs={"rows": rows}),
    )


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"), choices=ThreadKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    body = message_field(_("Message"), rows=8)


class ReplyForm(UniqueIds, forms.Form):
    id_prefix = "reply"

    body = message_field(_("Your reply"), rows=5)


class EditForm(forms.Form):
    body = message_field(_("Message"), rows=8)


class ModerateForm(UniqueIds, forms.Form):
    id_prefix = "moderate"

    action = forms.ChoiceField(
        choices=[(a, a) for a in ("pin", "unpin", "lock", "unlock", "hide", "show")]
    )
    reason = forms.CharField(
        label=_("Reason for hiding (shown to members)"), max_length=300, required=False
    )
