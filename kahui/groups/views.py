"""Learning group pages: set-up wizard, group home, members, history, Explore.

Every view asks :mod:`kahui.groups.access` for the group and calls a service to
change anything; htmx requests get the matching partial of the same template."""

from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.activity import describe_all
from kahui.core.addresses import user_owns_email
from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import formset_as_typed
from kahui.core.fragments import EXPIRES_AT, cached_fragment, group_stamp
from kahui.core.models import ActivityEntry
from kahui.core.submissions import submitted_once
from kahui.groups import selectors, services
from kahui.groups.access import Need, group_for
from kahui.groups.forms import (
    DecisionForm,
    ExploreForm,
    FocusForm,
    GoalFormSet,
    InviteForm,
    JoinRequestForm,
    NormFormSet,
    RoleForm,
    RolesForm,
    StructureForm,
    VisionForm,
)
from kahui.groups.models import (
    GroupInvite,
    GroupMembership,
    GroupRole,
    JoinRequest,
    LearningGroup,
    Status,
)
from kahui.groups.pages import home_parts
from kahui.groups.stages import STAGES


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
        gettext_lazy("Name the group, choose what it will learn about and say why it exists."),
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


def _size_warning(request: HttpRequest, group: LearningGroup) -> None:
    size = group.size()
    if size.state == "small":
        messages.warning(
            request,
            _(
                "%(name)s has %(n)d members. Groups of 6 to 12 work best: invite a few more "
                "colleagues when you can."
            )
            % {"name": group.name, "n": size.members},
        )
    elif size.state == "large":
        messages.warning(
            request,
            _(
                "%(name)s now has %(n)d members. Above 12 not everyone gets a voice; "
                "consider splitting into two groups."
            )
            % {"name": group.name, "n": size.members},
        )


# ---- forms shared by the wizard and the edit pages ---------------------------------


ROW_FIELDS = {"goals": ["id", "text", "evidence", "DELETE"], "norms": ["id", "text", "DELETE"]}


def _goal_formset(group: LearningGroup, data=None):
    if data is not None:
        return GoalFormSet(data, prefix="goals")
    initial = [
        {"id": goal.pk, "text": goal.text, "evidence": goal.evidence} for goal in group.goals.all()
    ]
    return GoalFormSet(initial=initial or [{}], prefix="goals")


def _norm_formset(group: LearningGroup, data=None):
    if data is not None:
        return NormFormSet(data, prefix="norms")
    initial = [{"id": norm.pk, "text": norm.text} for norm in group.norms.all()]
    if not initial:
        initial = [{"text": str(text)} for text in services.STARTER_NORMS]
    return NormFormSet(initial=initial, prefix="norms")


def _model_form(section: str, group: LearningGroup, request: HttpRequest, data=None):
    if section == "focus":
        return FocusForm(data, instance=group, user=request.user)
    if section == "vision":
        return VisionForm(data, instance=group)
    return StructureForm(data, instance=group, user=request.user)


def _save_section(
    request: HttpRequest, group: LearningGroup, section: str
) -> tuple[bool, dict, int]:
    """Validate and save one section of the group. Returns (saved, context, status)."""
    data = request.POST
    if section in {"goals", "norms"}:
        redrawn = formset_as_typed(
            GoalFormSet if section == "goals" else NormFormSet,
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
    return True, {}, 200


def _section_context(group: LearningGroup, section: str, request: HttpRequest) -> dict:
    if section == "goals":
        return {"formset": _goal_formset(group)}
    if section == "norms":
        return {"formset": _norm_formset(group)}
    return {"form": _model_form(section, group, request)}


# ---- the set-up wizard ----------------------------------------------------------------


def _wizard(request, group, step: Step, context: dict, status: int = 200) -> HttpResponse:
    index = STEP_SLUGS.index(step.slug)
    return render(
        request,
        "groups/setup.html",
        {
            "group": group,
            "step": step,
            "steps": STEPS,
            "step_index": index,
            "step_number": index + 1,
            "previous_step": STEPS[index - 1] if index else None,
            "next_step": STEPS[index + 1] if index < len(STEPS) - 1 else None,
            "is_last": index == len(STEPS) - 1,
            **context,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def create(request: HttpRequest) -> HttpResponse:
    """Step 1 of the wizard, before the group exists."""
    group = LearningGroup()
    form = FocusForm(request.POST or None, instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = services.group_create(
            by=request.user,
            name=form.cleaned_data["name"],
            purpose=form.cleaned_data["purpose"],
            focus_areas=form.all_focus_areas(),
        )
        return redirect("groups:setup", group.public_id, "vision")
    return _wizard(request, None, STEPS[0], {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest, group_id: UUID, step: str) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    if step not in STEP_SLUGS:
        raise Http404("No such step")
    if group.status != Status.DRAFT:
        messages.info(request, _("This group is already open; edit it from its home page."))
        return redirect("groups:home", group.public_id)
    current = STEPS[STEP_SLUGS.index(step)]
    following = STEPS[STEP_SLUGS.index(step) + 1] if step != STEP_SLUGS[-1] else None

    if step in EDITABLE_SECTIONS:
        if request.method == "POST":
            saved, context, status = _save_section(request, group, step)
            if saved:
                return redirect("groups:setup", group.public_id, following.slug)
            return _wizard(request, group, current, context, status)
        return _wizard(request, group, current, _section_context(group, step, request))

    if step == "roles":
        form = RolesForm(request.POST or None, initial={"rotate_duties": group.rotate_duties})
        if request.method == "POST" and form.is_valid():
            services.group_update(
                group=group,
                by=request.user,
                version=None,
                rotate_duties=form.cleaned_data["rotate_duties"],
            )
            services.group_invite(
                group=group,
                by=request.user,
                emails=form.cleaned_data["co_facilitators"],
                role=GroupRole.FACILITATOR,
            )
            return redirect("groups:setup", group.public_id, following.slug)
        pending = group.invites.pending().filter(role=GroupRole.FACILITATOR)
        return _wizard(request, group, current, {"form": form, "pending_invites": pending})

    # The last step: invitations, then the group opens.
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.group_launch(
                group=group,
                by=request.user,
                emails=form.cleaned_data["emails"],
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            if invited:
                opened = _("%(name)s is open. Invitations are on their way.")
            else:
                opened = _("%(name)s is open. Invite colleagues from its page when you are ready.")
            messages.success(request, opened % {"name": group.name})
            return redirect("groups:home", group.public_id)
    return _wizard(
        request, group, current, {"form": form, "pending_invites": group.invites.pending()}
    )


# ---- the group's own pages --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, group_id: UUID, section: str) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    if section not in EDITABLE_SECTIONS:
        raise Http404("No such section")
    step = STEPS[STEP_SLUGS.index(section)]
    status = 200
    if request.method == "POST":
        saved, context, status = _save_section(request, group, section)
        if saved:
            messages.success(request, _("Saved. The change is in the group's history."))
            if section == "structure":
                _size_warning(request, LearningGroup.objects.get(pk=group.pk))
            return redirect("groups:home", group.public_id)
    else:
        context = _section_context(group, section, request)
    return render(
        request,
        "groups/edit.html",
        {"group": group, "step": step, "section": section, **context},
        status=status,
    )


def _stage_context(group: LearningGroup, access) -> dict:
    current = group.stage_number
    stages = [
        {
            "info": info,
            "number": n,
            "state": "done" if n < current else "current" if n == current else "todo",
        }
        for n, info in enumerate(STAGES, start=1)
    ]
    return {"group": group, "stages": stages, "access": access}


@login_required
@require_GET
def home(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.DISCOVER)
    if not access.can_view:
        return _about(request, group, JoinRequestForm())
    body = cached_fragment(
        request,
        template="groups/_home_body.html",
        key=[
            group.public_id,
            group.version,
            group_stamp(group.pk),
            access.is_member,
            access.is_facilitator,
        ],
        context=lambda: _home_context(group, access),
    )
    return render(request, "groups/home.html", {"group": group, "body": body})


def _about(
    request: HttpRequest, group: LearningGroup, request_form: JoinRequestForm, status: int = 200
) -> HttpResponse:
    """What someone who is not a member sees of a group, with the form to ask to join."""
    my_request = group.join_requests.pending().filter(user=request.user).first()
    return render(
        request,
        "groups/about.html",
        {
            "group": group,
            "size": group.size(),
            "goals": group.goals.all(),
            "focus_areas": group.focus_areas.all(),
            "my_request": my_request,
            "request_form": request_form,
        },
        status=status,
    )


def _home_context(group: LearningGroup, access) -> dict:
    members = list(selectors.members_of(group))
    context = {
        **_stage_context(group, access),
        "members": members,
        "size": group.size(len(members)),
        "goals": group.goals.all(),
        "norms": group.norms.all(),
        "focus_areas": group.focus_areas.all(),
        "history": describe_all(
            ActivityEntry.objects.for_group(group)[:6], show_content=access.is_member
        ),
    }
    # The cards other apps add (the next meeting): their contexts join the page's.
    parts, expiries = [], []
    for part in home_parts:
        extra = part.context(group, access)
        if extra is None:
            continue
        expiries.append(extra.pop(EXPIRES_AT, None))
        context.update(extra)
        parts.append(part.template)
    context["home_parts"] = parts
    context[EXPIRES_AT] = min((when for when in expiries if when is not None), default=None)
    if access.is_facilitator:
        context["requests"] = group.join_requests.pending().select_related("user__profile")
        context["invites"] = group.invites.pending()
        context["decision_form"] = DecisionForm()
    return context


@login_required
@require_GET
def history(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.OVERSEE)
    page = Paginator(ActivityEntry.objects.for_group(group), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/history.html",
        {
            "group": group,
            "access": access,
            "page": page,
            "entries": describe_all(page.object_list, show_content=access.is_member),
        },
    )


@login_required
@require_GET
def members(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.OVERSEE)
    return _members_page(request, group, access)


def _members_page(
    request: HttpRequest,
    group: LearningGroup,
    access,
    refused: tuple[JoinRequest, DecisionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The member list; for facilitators also the requests to join and invitations.
    ``refused`` is a (join request, bound DecisionForm) pair whose answer was refused:
    drawn again with its errors and the reply as typed."""
    memberships = list(selectors.members_of(group))
    context = {
        "group": group,
        "access": access,
        "members": memberships,
        "size": group.size(len(memberships)),
        "role_choices": GroupRole.choices,
    }
    if access.is_facilitator:
        context["requests"] = group.join_requests.pending().select_related("user__profile")
        context["invites"] = group.invites.pending()
        context["decision_form"] = refused[1] if refused else DecisionForm()
        context["refused_request"] = refused[0].public_id if refused else None
    return render(request, "groups/members.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invite_members(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    form = InviteForm(request.POST or None, require_emails=True)
    if request.method == "POST" and form.is_valid():
        sent = services.group_invite(
            group=group,
            by=request.user,
            emails=form.cleaned_data["emails"],
            role=form.cleaned_data["role"],
            message=form.cleaned_data["message"],
        )
        skipped = len(set(form.cleaned_data["emails"])) - len(sent)
        messages.success(request, _("%(n)d invitation(s) sent.") % {"n": len(sent)})
        if skipped:
            messages.info(
                request,
                _("%(n)d address(es) skipped: already members or already invited.")
                % {"n": skipped},
            )
        return redirect("groups:members", group.public_id)
    return render(request, "groups/invite_members.html", {"group": group, "form": form})


def _group_crumbs(group: LearningGroup) -> list[tuple[str, str]]:
    return [
        (_("My groups"), reverse("groups:mine")),
        (group.name, reverse("groups:home", args=[group.public_id])),
    ]


def _membership(group: LearningGroup, user_id: UUID) -> GroupMembership:
    return get_object_or_404(
        GroupMembership.objects.select_related("user__profile", "group"),
        group=group,
        user__public_id=user_id,
    )


@login_required
@require_POST
def member_role(request: HttpRequest, group_id: UUID, user_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    membership = _membership(group, user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            services.membership_set_role(
                membership=membership, by=request.user, role=form.cleaned_data["role"]
            )
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": membership.user.display_name, "role": membership.get_role_display()},
            )
        except KahuiError as error:
            messages.error(request, error.message)
    return redirect("groups:members", group.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, group_id: UUID, user_id: UUID) -> HttpResponse:
    """Ask first, then remove: the POST of the confirmation page does it."""
    group, _access = group_for(request, group_id, Need.FACILITATE)
    membership = _membership(group, user_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove %(name)s?") % {"name": membership.user.display_name},
            question=_(
                "%(name)s will no longer see %(group)s, its meetings or discussions. "
                "You can invite them again later."
            )
            % {"name": membership.user.display_name, "group": group.name},
            confirm_label=_("Remove from the group"),
            cancel_url=reverse("groups:members", args=[group.public_id]),
            breadcrumbs=_group_crumbs(group),
            place=group.name,
        )
    try:
        services.membership_remove(membership=membership, by=request.user)
        messages.success(
            request, _("%(name)s left the group.") % {"name": membership.user.display_name}
        )
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("groups:members", group.public_id)


@login_required
@require_POST
def invite_revoke(request: HttpRequest, group_id: UUID, invite_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    invite = get_object_or_404(GroupInvite, group=group, public_id=invite_id)
    try:
        services.invite_revoke(invite=invite, by=request.user)
        messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invite.email})
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("groups:members", group.public_id)


@login_required
@require_POST
def join(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.DISCOVER)
    try:
        services.group_join(group=group, user=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Welcome to %(name)s!") % {"name": group.name})
        _size_warning(request, group)
    return redirect("groups:home", group.public_id)


@login_required
@require_POST
def request_join(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.DISCOVER)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                group=group, user=request.user, message=form.cleaned_data["message"]
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your request is with the facilitators. You will see their answer here."),
            )
    else:
        return _about(request, group, form, status=400)
    return redirect("groups:home", group.public_id)


@login_required
@require_POST
def request_decide(request: HttpRequest, group_id: UUID, request_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.FACILITATE)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user__profile"), group=group, public_id=request_id
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _members_page(request, group, access, refused=(join_request, form), status=400)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.join_request_decide(
            request=join_request, by=request.user, approve=approve, reply=form.cleaned_data["reply"]
        )
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        name = join_request.user.display_name
        if approve:
            messages.success(request, _("%(name)s joined the group.") % {"name": name})
            _size_warning(request, group)
        else:
            messages.info(request, _("You declined %(name)s's request.") % {"name": name})
    back = "groups:home" if request.POST.get("next") == "home" else "groups:members"
    return redirect(back, group.public_id)


@login_required
@require_POST
def request_withdraw(request: HttpRequest, group_id: UUID, request_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.DISCOVER)
    join_request = get_object_or_404(
        JoinRequest, group=group, public_id=request_id, user=request.user
    )
    try:
        services.join_request_withdraw(request=join_request, user=request.user)
        messages.info(request, _("You withdrew your request."))
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("groups:home", group.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, group_id: UUID) -> HttpResponse:
    """Ask first, then leave: the POST of the confirmation page does it."""
    group, _access = group_for(request, group_id, Need.MEMBER)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Leave %(group)s?") % {"group": group.name},
            question=_(
                "You will no longer see the group's meetings, discussions or library. "
                "To come back you will need to join or be invited again."
            ),
            confirm_label=_("Leave the group"),
            cancel_url=reverse("groups:home", args=[group.public_id]),
            breadcrumbs=_group_crumbs(group),
            place=group.name,
        )
    try:
        services.group_leave(group=group, user=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("groups:home", group.public_id)
    messages.info(request, _("You left %(name)s.") % {"name": group.name})
    return redirect("dashboard:home")


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link from an email: accept or decline it."""
    invitation = get_object_or_404(
        GroupInvite.objects.select_related("group__organisation", "invited_by__profile"),
        token=token,
    )
    group = invitation.group
    if not user_owns_email(request.user, invitation.email):
        # A forwarded or leaked link shows nothing about the group or who sent it.
        return render(request, "accounts/invite_elsewhere.html", {"invite_url": request.path})
    already = group.memberships.filter(user=request.user).exists()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                services.invite_decline(invite=invitation, user=request.user)
                messages.info(request, _("You declined the invitation."))
                return redirect("dashboard:home")
            services.invite_accept(invite=invitation, user=request.user)
        except KahuiError as error:
            messages.error(request, error.message)
            return redirect("dashboard:home")
        messages.success(request, _("Welcome to %(name)s!") % {"name": group.name})
        return redirect("groups:home", group.public_id)
    return render(
        request,
        "groups/invite.html",
        {
            "invite": invitation,
            "group": group,
            "already_member": already,
            "waiting_for_launch": group.status == Status.DRAFT,
        },
    )


@login_required
@require_GET
def my_groups(request: HttpRequest) -> HttpResponse:
    groups = list(selectors.groups_of_member(request.user))
    return render(request, "groups/mine.html", {"groups": groups})


@login_required
@require_GET
def explore(request: HttpRequest) -> HttpResponse:
    form = ExploreForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.explore_groups(request.user, filters), 12).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx and not request.htmx.boosted:
        return render(request, "groups/explore.html#results", context)
    return render(request, "groups/explore.html", context)
