from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kahui.accounts.choices import SUBJECTS, YEAR_LEVELS
from kahui.accounts.services import focus_area_for_name
from kahui.core.focus_areas import FocusAreaNamesField
from kahui.core.forms import BlankRowsSkipped, EmailListField, make_searchable
from kahui.core.languages import offered_languages
from kahui.core.models import FocusArea
from kahui.groups.meeting_times import PartOfDay, Weekday
from kahui.groups.models import Format, GroupRole, LearningGroup, Scope
from kahui.groups.selectors import partner_choices
from kahui.groups.services import ItemEdit
from kahui.groups.stages import Stage
from kahui.orgs.models import LearningObjective, Organisation


class VersionedForm(forms.ModelForm):
    """Carries the group's version so a stale edit is caught instead of overwriting."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def changed_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields  # type: ignore[union-attr]
            if name in self.cleaned_data
        }


class FocusForm(VersionedForm):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.accepted(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
    )
    new_focus_areas = FocusAreaNamesField(
        label=_("Another focus area"),
        required=False,
        max_length=300,
        help_text=_(
            "Not in the list? Type it here; separate several with commas. A new one stays "
            "with your group until your organisation's coordinators add it to the shared list."
        ),
    )

    # Who the group is for, in the words of the profile form, so that colleagues with
    # the same year levels and learning areas find it.
    year_levels = forms.MultipleChoiceField(
        label=_("Year levels"),
        choices=YEAR_LEVELS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
    )
    learning_areas = forms.MultipleChoiceField(
        label=_("Subjects / learning areas"),
        choices=SUBJECTS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
    )

    field_order = [
        "name",
        "focus_areas",
        "new_focus_areas",
        "purpose",
        "year_levels",
        "learning_areas",
        "shared_learners",
    ]

    class Meta:
        model = LearningGroup
        fields = [
            "name",
            "focus_areas",
            "purpose",
            "year_levels",
            "learning_areas",
            "shared_learners",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "name": _("Short and clear, e.g. “Structured literacy in Years 0–3”."),
            "purpose": _(
                "Why does this group exist? Which learners and which part of your practice "
                "will it help?"
            ),
            "shared_learners": _(
                "Optional: a class, a team or a case the members teach or support together, "
                "e.g. “Room 12's Year 4 readers”."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The shared list, and the group's own areas that still wait for review.
        if self.instance.pk:
            self.fields["focus_areas"].queryset = FocusArea.objects.offered(
                held=self.instance.focus_areas.all()
            )
        # One of the two focus fields is needed; neither is optional on its own.
        self.fields["focus_areas"].hide_optional = True
        self.fields["new_focus_areas"].hide_optional = True
        self.fields["focus_areas"].help_text = _("Choose one or more, or type your own below.")

    def clean(self):
        cleaned = super().clean()
        names = cleaned.get("new_focus_areas") or []
        typed_badly = "new_focus_areas" in self.errors  # already told what is wrong
        if not names and not typed_badly and not cleaned.get("focus_areas"):
            self.add_error("focus_areas", _("Choose at least one focus area, or type one."))
        cleaned["new_focus_area_names"] = names
        return cleaned

    def all_focus_areas(self) -> list[FocusArea]:
        chosen = list(self.cleaned_data.get("focus_areas") or [])
        for name in self.cleaned_data.get("new_focus_area_names", []):
            chosen.append(focus_area_for_name(name, by=self.user))
        return chosen

    def changed_fields(self) -> dict:
        fields = super().changed_fields()
        fields["focus_areas"] = self.all_focus_areas()
        return fields


class VisionForm(VersionedForm):
    class Meta:
        model = LearningGroup
        fields = ["vision"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "vision": _(
                "Picture the group a year from now: what will be different for your "
                "learners, and for you as teachers?"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vision"].required = True


REMINDER_CHOICES = [
    (2880, _("2 days before")),
    (1440, _("1 day before")),
    (180, _("3 hours before")),
    (60, _("1 hour before")),
    (15, _("15 minutes before")),
]


class StructureForm(VersionedForm):
    reminder_minutes = forms.TypedMultipleChoiceField(
        label=_("Reminders before each meeting"),
        choices=REMINDER_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
        help_text=_("Members get an email with the agenda and open actions."),
    )

    class Meta:
        model = LearningGroup
        fields = [
            "format",
            "scope",
            "organisation",
            "frequency",
            "meeting_minutes",
            "target_size",
            "access",
            "reminder_minutes",
            "partners",
            "language",
        ]
        widgets = {
            "format": forms.RadioSelect,
            "scope": forms.RadioSelect,
            "access": forms.RadioSelect,
            "partners": forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
        }
        help_texts = {
            "target_size": _("Groups of 6 to 12 work best; Kāhui warns outside that range."),
            "organisation": _("The school or cluster the group belongs to."),
            "partners": _(
                "Organisations that share the group: their coordinators see its charter, "
                "members, stage and figures. You may choose your own organisations and the "
                "other schools of the group's cluster."
            ),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = (
            partner_choices(self.instance, user)
            if user is not None
            else Organisation.objects.none()
        )
        organisations = (
            Organisation.objects.for_user(user) if user is not None else Organisation.objects.none()
        )
        if self.instance.organisation_id:
            # A facilitator from elsewhere may edit the group without taking it out of
            # its organisation.
            organisations = Organisation.objects.filter(
                Q(pk__in=organisations.values("pk")) | Q(pk=self.instance.organisation_id)
            )
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("— none —")
        make_searchable(self.fields["organisation"])
        self.fields["language"].choices = offered_languages(self.instance.language)
        self.fields["language"].required = False  # left out: kept as it is
        if not self.is_bound and not self.instance.reminder_minutes:
            self.initial["reminder_minutes"] = [1440, 60]
        if not self.is_bound and self.instance.organisation_id is None:
            # Defaults that can be saved as they are: one's only organisation, or,
            # for someone in none, a group across schools.
            mine = list(organisations[:2])
            if len(mine) == 1:
                self.initial["organisation"] = mine[0].pk
            elif not mine:
                self.initial["scope"] = Scope.EXTERNAL
                self.fields["organisation"].help_text = _(
                    "You are not in an organisation yet, so the group is open to educators "
                    "from any school. Join your school in Kāhui to make an internal group."
                )

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or self.instance.language

    def clean_reminder_minutes(self) -> list[int]:
        # Nothing ticked means "no reminders" ([0]); an empty list means the defaults.
        return sorted(self.cleaned_data["reminder_minutes"], reverse=True) or [0]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == Scope.INTERNAL and not cleaned.get("organisation"):
            self.add_error(
                "organisation",
                _(
                    "An internal group belongs to one organisation: choose it, or make the "
                    "group external."
                ),
            )
        organisation = cleaned.get("organisation")
        if organisation is not None and organisation in (cleaned.get("partners") or []):
            self.add_error(
                "partners",
                _("The group's own organisation cannot also be its partner."),
            )
        if cleaned.get("format") not in (None, *Format.values):
            self.add_error("format", _("Choose how the group meets."))
        return cleaned


class RolesForm(forms.Form):
    co_facilitators = EmailListField(
        label=_("Co-facilitators"),
        required=False,
        help_text=_(
            "Email addresses of colleagues who will share the facilitation. They receive "
            "an invitation as facilitator. Leave empty to facilitate on your own for now."
        ),
    )
    rotate_duties = forms.BooleanField(
        label=_("Rotate the note-taker and timekeeper at each meeting"),
        required=False,
        help_text=_("Sharing these duties keeps everyone involved."),
    )


class InviteForm(forms.Form):
    emails = EmailListField(
        label=_("Email addresses"),
        required=False,
        help_text=_("One per line, or separated by commas."),
    )
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    role = forms.ChoiceField(
        label=_("Invite as"), choices=GroupRole.choices, initial=GroupRole.MEMBER
    )

    def __init__(self, *args, require_emails: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["emails"].required = require_emails


class GoalForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Goal"),
        max_length=300,
        help_text=_("What do you want to achieve together?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.CharField(
        label=_("How will you see progress?"),
        max_length=500,
        help_text=_("The evidence you will look at, e.g. running records, student voice."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    objective = forms.ModelChoiceField(
        label=_("Organisation objective it serves"),
        queryset=LearningObjective.objects.none(),
        required=False,
        empty_label=_("— none in particular —"),
    )

    def __init__(self, *args, objectives=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered when the group's organisation (or its cluster) has current objectives.
        if objectives is None or not objectives:
            del self.fields["objective"]
        else:
            self.fields["objective"].queryset = objectives


class NormForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Agreement"), max_length=300)


class ItemFormSet(BlankRowsSkipped):
    """Goals or agreements: rows may be added, edited or removed in one save."""

    minimum = 0
    too_few_message = ""

    def clean(self):
        if any(self.errors):
            return
        kept = [
            form for form in self.forms if form.has_changed() and not self._should_delete_form(form)
        ]
        if len(kept) < self.minimum:
            raise ValidationError(str(self.too_few_message))

    def rows(self) -> list[ItemEdit]:
        rows = []
        for form in self.forms:
            data = form.cleaned_data
            if not data and not form.has_changed():
                continue
            values = {key: value for key, value in data.items() if key not in {"id", "DELETE"}}
            rows.append(ItemEdit(id=data.get("id"), values=values, delete=bool(data.get("DELETE"))))
        return rows


class GoalFormSetBase(ItemFormSet):
    minimum = 1
    too_few_message = _("Add at least one goal, with how you will see progress.")


class NormFormSetBase(ItemFormSet):
    minimum = 1
    too_few_message = _("Keep at least one agreement; the starters below can be edited.")


GoalFormSet = forms.formset_factory(
    GoalForm, formset=GoalFormSetBase, extra=0, can_delete=True, max_num=12, validate_max=True
)
NormFormSet = forms.formset_factory(
    NormForm, formset=NormFormSetBase, extra=0, can_delete=True, max_num=20, validate_max=True
)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the facilitators (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say a little about your practice and why you would like to join."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        error_messages={
            "required": _("Choose approve or decline."),
            "invalid_choice": _("Choose approve or decline."),
        },
    )
    reply = forms.CharField(label=_("Reply"), required=False, max_length=500)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.choices)


class ExploreForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    focus = forms.ModelChoiceField(
        label=_("Focus area"),
        queryset=FocusArea.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any focus area"),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("Any format")), *Format.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any organisation"),
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("Any stage")), *Stage.choices], required=False
    )
    year_level = forms.ChoiceField(
        label=_("Year level"), choices=[("", _("Any year level")), *YEAR_LEVELS], required=False
    )
    learning_area = forms.ChoiceField(
        label=_("Learning area"),
        choices=[("", _("Any learning area")), *SUBJECTS],
        required=False,
    )
    weekday = forms.TypedChoiceField(
        label=_("Meets on"),
        choices=[("", _("Any day")), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    time_of_day = forms.ChoiceField(
        label=_("Meets at"), choices=[("", _("Any time")), *PartOfDay.choices], required=False
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    open_places = forms.BooleanField(label=_("Has open places"), required=False)

    def __init__(self, *args, user, time_zones: Iterable[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # The zones the groups one can find meet in, by their coming meetings.
        self.fields["time_zone"].choices = [
            ("", _("Any time zone")),
            *((zone, zone.replace("_", " ")) for zone in sorted(set(time_zones))),
        ]
        # Offer only organisations the person belongs to or can find groups in.
        visible = LearningGroup.objects.discoverable_by(user).values("organisation")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Q(memberships__user=user) | Q(pk__in=visible)
        ).distinct()
        # Only focus areas of the shared list that some group one can find works on:
        # a typed area joins once its organisation's review accepts it.
        self.fields["focus"].queryset = FocusArea.objects.accepted().filter(
            pk__in=LearningGroup.objects.discoverable_by(user).values("focus_areas")
        )


class SupporterInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("The address of their Kāhui account."),
    )
    role_note = forms.CharField(
        label=_("How they support the group"),
        max_length=120,
        help_text=_("For example: RTLB, literacy coach, facilitator from the university."),
    )
