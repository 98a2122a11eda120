"""The sections of a group's charter (focus, vision, goals, agreements, structure) as
forms, shared by the set-up wizard and the group's edit pages."""

from dataclasses import dataclass
from functools import partial

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy

from kahui.core.errors import KahuiError
from kahui.core.forms import formset_as_typed
from kahui.groups import services
from kahui.groups.forms import FocusForm, GoalFormSet, NormFormSet, StructureForm, VisionForm
from kahui.groups.models import LearningGroup
from kahui.orgs.models import LearningObjective


@dataclass(frozen=True)
class Step:
    slug: str
    title: object
    intro: object
    # May be skipped and written later: the group home reminds its facilitators.
    optional: bool = False


STEPS = [
    Step(
        "focus",
        gettext_lazy("Focus and purpose"),
        gettext_lazy(
            "Name the group, choose what it will learn about, say why it exists and who it is for."
        ),
    ),
    Step(
        "vision",
        gettext_lazy("Shared vision"),
        gettext_lazy("Describe what success looks like, so everyone pulls the same way."),
        optional=True,
    ),
    Step(
        "goals",
        gettext_lazy("Goals"),
        gettext_lazy("Set one or more goals, each with the evidence that will show progress."),
    ),
    Step(
        "norms",
        gettext_lazy("Agreements"),
        gettext_lazy(
            "Agree how you will work together. Start from these suggestions and make them yours."
        ),
        optional=True,
    ),
    Step(
        "structure",
        gettext_lazy("Structure"),
        gettext_lazy("Decide how, how often and for how long you meet, and who can join."),
    ),
    Step(
        "roles",
        gettext_lazy("Roles"),
        gettext_lazy("A group has one or more facilitators; duties can rotate at each meeting."),
    ),
    Step(
        "invite",
        gettext_lazy("Invite members"),
        gettext_lazy("Invite colleagues now or later. Finishing opens the group."),
    ),
]


STEP_SLUGS = [step.slug for step in STEPS]


EDITABLE_SECTIONS = ["focus", "vision", "goals", "norms", "structure"]


ROW_FIELDS = {
    "goals": ["id", "text", "evidence", "objective", "DELETE"],
    "norms": ["id", "text", "DELETE"],
}


def _goal_formset_class(group: LearningGroup):
    """The goals' formset, offering the objectives of the group's organisation and of
    its cluster that are current."""
    organisation = group.organisation
    objectives = None
    if organisation is not None:
        org_ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
        objectives = LearningObjective.objects.filter(organisation_id__in=org_ids, active=True)
    return partial(GoalFormSet, form_kwargs={"objectives": objectives})


def _goal_formset(group: LearningGroup, data=None):
    formset = _goal_formset_class(group)
    if data is not None:
        return formset(data, prefix="goals")
    initial = [
        {
            "id": goal.pk,
            "text": goal.text,
            "evidence": goal.evidence,
            "objective": goal.objective_id,
        }
        for goal in group.goals.all()
    ]
    return formset(initial=initial or [{}], prefix="goals")


def _norm_formset(group: LearningGroup, data=None):
    if data is not None:
        return NormFormSet(data, prefix="norms")
    initial = [{"id": norm.pk, "text": norm.text} for norm in group.norms.all()]
    if not initial:
        # Starter agreements in the group's language, whoever opens the form.
        with translation.override(group.language):
            initial = [{"text": str(text)} for text in services.STARTER_NORMS]
    return NormFormSet(initial=initial, prefix="norms")


def _model_form(section: str, group: LearningGroup, request: HttpRequest, data=None):
    if section == "focus":
        return FocusForm(data, instance=group, user=request.user)
    if section == "vision":
        return VisionForm(data, instance=group)
    return StructureForm(data, instance=group, user=request.user)


def save_section(
    request: HttpRequest, group: LearningGroup, section: str
) -> tuple[bool, dict, int]:
    """Validate and save one section of the group. Returns (saved, context, status)."""
    data = request.POST
    if section in {"goals", "norms"}:
        redrawn = formset_as_typed(
            _goal_formset_class(group) if section == "goals" else NormFormSet,
            data,
            prefix=section,
            fields=ROW_FIELDS[section],
        )
        if redrawn:
            formset, status = redrawn
            return False, {"formset": formset}, status
        make = _goal_formset if section == "goals" else _norm_formset
        formset = make(group, data)
        if formset.is_valid():
            save = services.goals_save if section == "goals" else services.norms_save
            try:
                save(group=group, by=request.user, rows=formset.rows())
            except KahuiError as error:
                formset._non_form_errors = formset.error_class([error.message])
                return False, {"formset": formset}, 200
            return True, {}, 200
        return False, {"formset": formset}, 200
    form = _model_form(section, group, request, data)
    if not form.is_valid():
        return False, {"form": form}, 200
    try:
        services.group_update(
            group=group,
            by=request.user,
            version=form.cleaned_data.get("version"),
            **form.changed_fields(),
        )
    except services.StaleEdit as conflict:
        # Snapshot first: binding a ModelForm writes the typed values onto its instance.
        theirs = services.snapshot(conflict.current)
        fresh = data.copy()
        fresh["version"] = str(conflict.current.version)
        form = _model_form(section, conflict.current, request, fresh)
        form.is_valid()
        context = {
            "form": form,
            "conflict": conflict.message,
            "theirs": theirs,
            "conflict_fields": [
                (str(services.GROUP_FIELD_LABELS[name]), name)
                for name in form.Meta.fields
                if name in services.GROUP_FIELD_LABELS
            ],
        }
        return False, context, 200
    except KahuiError as error:
        form.add_error(None, error.message)
        return False, {"form": form}, 200
    return True, {}, 200


def section_context(group: LearningGroup, section: str, request: HttpRequest) -> dict:
    if section == "goals":
        return {"formset": _goal_formset(group)}
    if section == "norms":
        return {"formset": _norm_formset(group)}
    return {"form": _model_form(section, group, request)}
