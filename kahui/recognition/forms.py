from decimal import Decimal

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import DateInput, SearchableSelect, UniqueIds
from kahui.discussions.models import Post
from kahui.groups.models import GroupMembership, LearningGroup
from kahui.library.models import Resource
from kahui.meetings.models import Meeting
from kahui.recognition.models import LearningKind

# How many recent meetings, resources and messages the kudos form offers.
CHOICES_SHOWN = 30


def _day(moment) -> str:
    """The day of ``moment`` in the viewer's time zone and language."""
    return formats.date_format(timezone.localtime(moment), "j M Y")


def _short(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


class KudosForm(UniqueIds, forms.Form):
    """Kudos for a member: who, what they did, and optionally where. The meetings,
    resources and messages offered are the group's newest; once a member is chosen,
    their own resources and messages."""

    id_prefix = "kudos"

    receiver = forms.ChoiceField(label=_("Who"), widget=SearchableSelect)
    text = forms.CharField(
        label=_("What did they do?"),
        max_length=500,
        help_text=_("Something specific: “Your notes from the running-records session saved me.”"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    meeting = forms.ChoiceField(label=_("At a meeting"), required=False)
    resource = forms.ChoiceField(label=_("For a resource"), required=False)
    post = forms.ChoiceField(label=_("For a message"), required=False)

    def __init__(self, *args, group: LearningGroup, giver, receiver_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        members = (
            GroupMembership.objects.filter(group=group)
            .exclude(user=giver)
            .select_related("user__profile")
            .order_by("user__profile__display_name")
        )
        self.members = {str(m.user.public_id): m.user for m in members}
        self.fields["receiver"].choices = [("", _("Choose a member"))] + [
            (key, user.display_name) for key, user in self.members.items()
        ]
        receiver = self.members.get(receiver_id)
        meetings = (
            Meeting.objects.held()
            .filter(group=group, starts_at__lte=timezone.now())
            .order_by("-starts_at")[:CHOICES_SHOWN]
        )
        self.meetings = {str(m.public_id): m for m in meetings}
        self.fields["meeting"].choices = [("", "—")] + [
            (key, f"{m.title} ({_day(m.starts_at)})") for key, m in self.meetings.items()
        ]
        resources = Resource.objects.filter(group=group)
        if receiver is not None:
            resources = resources.filter(added_by=receiver)
        self.resources = {str(r.public_id): r for r in resources[:CHOICES_SHOWN]}
        self.fields["resource"].choices = [("", "—")] + [
            (key, _short(r.title)) for key, r in self.resources.items()
        ]
        posts = (
            Post.objects.filter(thread__group=group, thread__hidden_at__isnull=True)
            .select_related("thread", "author__profile")
            .order_by("-created_at", "-id")
        )
        if receiver is not None:
            posts = posts.filter(author=receiver)
        self.posts = {str(p.public_id): p for p in posts[:CHOICES_SHOWN]}
        self.fields["post"].choices = [("", "—")] + [
            (
                key,
                f"{_short(p.thread.title, 40)}: {_short(p.body, 50)}"
                if receiver is not None
                else f"{p.author.display_name if p.author else '—'} — {_short(p.body, 50)}",
            )
            for key, p in self.posts.items()
        ]

    def clean(self):
        data = super().clean()
        data["receiver_user"] = self.members.get(data.get("receiver", ""))
        data["meeting_obj"] = self.meetings.get(data.get("meeting") or "")
        data["resource_obj"] = self.resources.get(data.get("resource") or "")
        data["post_obj"] = self.posts.get(data.get("post") or "")
        return data


class LearningActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of learning"), choices=LearningKind.choices, widget=forms.RadioSelect
    )
    done_on = forms.DateField(label=_("Date"), widget=DateInput)
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        decimal_places=2,
        help_text=_("In hours: 1.5 is an hour and a half."),
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )
    note = forms.CharField(
        label=_("What was it?"),
        max_length=500,
        help_text=_("The book or article, the class you observed, the course."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    group = forms.ChoiceField(
        label=_("Part of the work of a group"),
        required=False,
        help_text=_(
            "A facilitator of that group can then confirm it on your certificate. "
            "They see it only when you ask for one."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        groups = LearningGroup.objects.filter(memberships__user=user).order_by("name")
        self.groups = {str(g.public_id): g for g in groups}
        self.fields["group"].choices = [("", _("None"))] + [
            (key, g.name) for key, g in self.groups.items()
        ]

    def clean(self):
        data = super().clean()
        data["group_obj"] = self.groups.get(data.get("group") or "")
        if data.get("hours") is not None:
            data["minutes"] = round(data["hours"] * 60)
        return data


class CertificateRequestForm(UniqueIds, forms.Form):
    id_prefix = "certificate"

    group = forms.ChoiceField(label=_("Group"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    message = forms.CharField(
        label=_("Message to the facilitators"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, years, **kwargs):
        super().__init__(*args, **kwargs)
        groups = LearningGroup.objects.filter(memberships__user=user).order_by("name")
        self.groups = {str(g.public_id): g for g in groups}
        self.fields["group"].choices = [(key, g.name) for key, g in self.groups.items()]
        self.fields["year"].choices = [(year, str(year)) for year in years]

    def clean(self):
        data = super().clean()
        data["group_obj"] = self.groups.get(data.get("group") or "")
        return data


class ConfirmForm(UniqueIds, forms.Form):
    id_prefix = "confirm"

    activities = forms.MultipleChoiceField(
        label=_("Logged learning you can confirm"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.by_key = {str(a.public_id): a for a in activities}
        self.fields["activities"].choices = [
            (
                key,
                f"{formats.date_format(a.done_on, 'j M Y')} · {a.get_kind_display()} · "
                f"{gettext('%(hours)s h') % {'hours': f'{a.hours:g}'}} · {a.note}",
            )
            for key, a in self.by_key.items()
        ]

    def chosen_ids(self) -> set[int]:
        return {self.by_key[key].pk for key in self.cleaned_data.get("activities", [])}


class DeclineForm(UniqueIds, forms.Form):
    id_prefix = "decline"

    reply = forms.CharField(
        label=_("Why not (the member reads this)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("As printed on the certificate, for example 7KQ2-M9XD-T4RP."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
