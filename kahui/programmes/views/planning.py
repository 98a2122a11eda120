"""Planning a programme with the school: the intake and the structure proposal in versions,
with comments and agreement, and making its groups."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.orgs.models import Organisation, OrgMembership, OrgRole
from kahui.programmes import selectors, services
from kahui.programmes.access import Need, programme_for
from kahui.programmes.forms import (
    AgreeForm,
    CommentForm,
    IntakeForm,
    PlannedGroupFormSet,
    VersionForm,
)
from kahui.programmes.models import Intake, Programme


def _status(request: HttpRequest) -> int:
    """A form drawn again after a POST was refused."""
    return 400 if request.method == "POST" else 200


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, access = programme_for(
        request, public_id, Need.RUN if request.method == "POST" else Need.VIEW
    )
    record, _created = Intake.objects.get_or_create(programme=programme)
    form = IntakeForm(request.POST or None, instance=record)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.intake_save(programme=programme, by=request.user, **form.cleaned_data),
        _("Intake saved."),
    ):
        return redirect("programmes:detail", programme.public_id)
    return render(
        request,
        "programmes/intake.html",
        {"programme": programme, "access": access, "form": form, "intake": record},
        status=_status(request),
    )


def _agreeable(user, programme: Programme):
    ids = [org.pk for org in programme.organisations()]
    return Organisation.objects.filter(
        pk__in=OrgMembership.objects.filter(
            user=user, role=OrgRole.ADMIN, organisation_id__in=ids
        ).values("organisation_id")
    ).order_by("name")


@login_required
@require_GET
def proposal(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, access = programme_for(request, public_id)
    versions = selectors.versions(programme)
    shown = versions[0] if versions else None
    if versions and request.GET.get("version", "").isdigit():
        shown = next((v for v in versions if v.number == int(request.GET["version"])), shown)
    previous = next((v for v in versions if shown and v.number == shown.number - 1), None)
    agreeable = _agreeable(request.user, programme)
    agreed_ids = {a.organisation_id for a in shown.agreements.all()} if shown else set()
    return render(
        request,
        "programmes/proposal.html",
        {
            "programme": programme,
            "access": access,
            "versions": versions,
            "shown": shown,
            "is_current": bool(versions) and shown == versions[0],
            "changes": selectors.version_changes(previous, shown) if previous else [],
            "previous": previous,
            "organisations": programme.organisations(),
            "agreed_ids": agreed_ids,
            "agreed": bool(shown) and selectors.is_agreed(shown),
            "comment_form": CommentForm(),
            "agree_form": AgreeForm(organisations=agreeable.exclude(pk__in=agreed_ids))
            if agreeable.exclude(pk__in=agreed_ids).exists()
            else None,
            "generated": programme.groups.exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    people = selectors.programme_people(programme)
    latest = programme.current_version()
    initial_rows = []
    initial = {}
    if latest is not None:
        initial = {"fits_with": latest.fits_with, "roles": latest.roles}
        initial_rows = [
            {
                "name": planned.name,
                "focus": planned.focus,
                "frequency": planned.frequency,
                "meeting_minutes": planned.meeting_minutes,
                "facilitators": list(planned.facilitators.all()),
                "participants": list(planned.participants.all()),
            }
            for planned in latest.planned_groups.all()
        ]
    extra = 0 if initial_rows else 2
    data = request.POST.copy() if request.method == "POST" else None
    adding = data is not None and "add" in data
    if adding and data.get("groups-TOTAL_FORMS", "").isdigit():
        # Another row, keeping everything typed so far.
        data["groups-TOTAL_FORMS"] = str(int(data["groups-TOTAL_FORMS"]) + 1)
    form = VersionForm(data, initial=initial)
    formset = PlannedGroupFormSet(
        data,
        prefix="groups",
        initial=initial_rows + [{} for _i in range(extra)],
        form_kwargs={"people": people},
    )
    if data is not None and not adding and form.is_valid() and formset.is_valid():
        plans = [
            services.GroupPlan(
                name=row.cleaned_data["name"],
                focus=row.cleaned_data["focus"],
                frequency=row.cleaned_data["frequency"],
                meeting_minutes=row.cleaned_data["meeting_minutes"],
                facilitators=list(row.cleaned_data["facilitators"]),
                participants=list(row.cleaned_data["participants"]),
            )
            for row in formset.forms
            if row.has_changed() and row.cleaned_data
        ]
        try:
            version = services.version_write(
                programme=programme, by=request.user, groups=plans, **form.cleaned_data
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Version %(number)s written: the leaders can now agree to it.")
                % {"number": version.number},
            )
            return redirect("programmes:proposal", programme.public_id)
    return render(
        request,
        "programmes/version_form.html",
        {"programme": programme, "form": form, "formset": formset},
        status=400 if data is not None and not adding else 200,
    )


@login_required
@require_POST
def comment(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    version = programme.current_version()
    form = CommentForm(request.POST)
    if version is None or not form.is_valid():
        messages.error(request, _("Write a comment."))
    else:
        try:
            services.version_comment(
                version=version, by=request.user, text=form.cleaned_data["text"]
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Comment added."))
    return redirect("programmes:proposal", programme.public_id)


@login_required
@require_POST
def agree(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    version = programme.current_version()
    form = AgreeForm(request.POST, organisations=_agreeable(request.user, programme))
    if version is None or not form.is_valid():
        messages.error(request, _("Only an administrator of the organisation may agree for it."))
    else:
        try:
            services.version_agree(
                version=version, by=request.user, organisation=form.cleaned_data["organisation"]
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Agreement recorded."))
    return redirect("programmes:proposal", programme.public_id)


@login_required
@require_POST
def generate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    try:
        made = services.groups_generate(programme=programme, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("programmes:proposal", programme.public_id)
    messages.success(
        request,
        _("%(count)s groups made as drafts: their facilitators finish setting them up.")
        % {"count": len(made)},
    )
    return redirect("programmes:detail", programme.public_id)
