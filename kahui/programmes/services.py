"""Writes for programmes: setting one up, the intake, the structure proposal and its
agreement, the drafts made from it, coaches, the kick-off and intervisie circles.

Every change is recorded in the activity log under the lead organisation and tied to
the programme (``ProgrammeEntry``)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.groups import services as group_services
from kahui.groups.activity import GroupActivity
from kahui.groups.models import (
    Access,
    GroupKind,
    GroupMembership,
    GroupRole,
    LearningGroup,
    Scope,
    Status,
)
from kahui.meetings.models import AgendaTemplate
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.orgs.models import Organisation, OrgMembership, OrgRole
from kahui.programmes import selectors
from kahui.programmes.activity import ProgrammeActivity
from kahui.programmes.kickoff import kit_for
from kahui.programmes.models import (
    Agreement,
    Intake,
    Kickoff,
    KickoffAnswer,
    KickoffKit,
    Partnership,
    Phase,
    PlannedGroup,
    Programme,
    ProgrammeEntry,
    ProposalComment,
    ProposalVersion,
)


def _record(
    programme: Programme,
    *,
    by,
    action: ProgrammeActivity,
    target: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    entry = activity.record(
        actor=by,
        action=action,
        organisation=programme.organisation,
        target=target or programme.name,
        changes=changes,
    )
    ProgrammeEntry.objects.create(programme=programme, entry=entry)


def _check_runs(programme: Programme, by) -> None:
    if not Programme.objects.run_by(by).filter(pk=programme.pk).exists():
        raise NotAllowed(_("Only the programme's coordinators may do this."))


def _move(programme: Programme, *, by, phase: str) -> None:
    if programme.phase == phase:
        return
    before = programme.get_phase_display()
    programme.phase = phase
    programme.phase_changed_at = timezone.now()
    programme.save(update_fields=["phase", "phase_changed_at", "updated_at"])
    _record(
        programme,
        by=by,
        action=ProgrammeActivity.PHASE_MOVED,
        changes={
            "phase": activity.change(gettext_lazy("Phase"), before, programme.get_phase_display())
        },
    )


@transaction.atomic
def programme_create(
    *,
    by,
    organisation: Organisation,
    name: str,
    partnership: str = Partnership.SINGLE,
    partners: Iterable[Organisation] = (),
) -> Programme:
    """Set up a programme for ``organisation`` (and its partners). Its coordinators and
    administrators, or those of its cluster, may; partners are organisations ``by``
    leads too, or organisations of the lead's cluster."""
    if not selectors.leads(by, organisation):
        raise NotAllowed(_("Only coordinators of the organisation may set up a programme."))
    partners = list(partners)
    allowed = set(selectors.partner_choices(by, organisation).values_list("pk", flat=True))
    if any(partner.pk not in allowed for partner in partners):
        raise KahuiError(_("A partner must be in the same cluster, or an organisation you lead."))
    programme = Programme.objects.create(
        name=name,
        organisation=organisation,
        partnership=partnership,
        created_by=by,
        phase_changed_at=timezone.now(),
    )
    programme.partners.set(partners)
    Intake.objects.create(programme=programme)
    _record(programme, by=by, action=ProgrammeActivity.CREATED)
    return programme


PROGRAMME_LABELS = {
    "name": gettext_lazy("Programme name"),
    "partnership": gettext_lazy("Kind of partnership"),
    "partners": gettext_lazy("Partner organisations"),
    "support_ends_on": gettext_lazy("Support hands over on"),
}


def _programme_snapshot(programme: Programme) -> dict[str, Any]:
    return {
        "name": programme.name,
        "partnership": programme.get_partnership_display(),
        "partners": sorted(str(org) for org in programme.partners.all()),
        "support_ends_on": programme.support_ends_on or "",
    }


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    by,
    name: str,
    partnership: str,
    partners: Iterable[Organisation],
    support_ends_on: date | None,
) -> Programme:
    _check_runs(programme, by)
    partners = list(partners)
    allowed = set(
        selectors.partner_choices(by, programme.organisation).values_list("pk", flat=True)
    )
    current = set(programme.partners.values_list("pk", flat=True))
    if any(p.pk not in allowed and p.pk not in current for p in partners):
        raise KahuiError(_("A partner must be in the same cluster, or an organisation you lead."))
    before = _programme_snapshot(programme)
    programme.name, programme.partnership = name, partnership
    programme.support_ends_on = support_ends_on
    programme.save()
    programme.partners.set(partners)
    changes = activity.field_changes(before, _programme_snapshot(programme), PROGRAMME_LABELS)
    if changes:
        _record(programme, by=by, action=ProgrammeActivity.UPDATED, changes=changes)
    return programme


@transaction.atomic
def phase_move(*, programme: Programme, by, phase: str) -> Programme:
    """Move the programme to ``phase`` (any phase: a programme may also step back)."""
    _check_runs(programme, by)
    if phase not in Phase.values:
        raise KahuiError(_("Choose a phase."))
    _move(programme, by=by, phase=phase)
    return programme


@transaction.atomic
def programme_hand_over(*, programme: Programme, by) -> Programme:
    """Support ends: the groups run on their own from today."""
    _check_runs(programme, by)
    if programme.phase == Phase.INDEPENDENT:
        return programme
    if programme.support_ends_on is None or programme.support_ends_on > timezone.localdate():
        programme.support_ends_on = timezone.localdate()
        programme.save(update_fields=["support_ends_on", "updated_at"])
    _record(programme, by=by, action=ProgrammeActivity.HANDED_OVER)
    _move(programme, by=by, phase=Phase.INDEPENDENT)
    return programme


INTAKE_LABELS = {
    "held_on": gettext_lazy("Date of the conversation"),
    "present": gettext_lazy("Who was there"),
    "wishes": gettext_lazy("Wishes"),
    "context": gettext_lazy("Context"),
    "aim": gettext_lazy("Aim of the learning groups"),
    "hours_per_term": gettext_lazy("Hours per term for each participant"),
    "meeting_slots": gettext_lazy("Times the school keeps free for meetings"),
    "resources": gettext_lazy("Budget and other resources"),
}


@transaction.atomic
def intake_save(*, programme: Programme, by, **fields: Any) -> Intake:
    """Write up the intake conversation; the history keeps each change."""
    _check_runs(programme, by)
    intake, _created = Intake.objects.select_for_update().get_or_create(programme=programme)
    before = {name: getattr(intake, name) or "" for name in INTAKE_LABELS}
    for name in INTAKE_LABELS:
        if name in fields:
            setattr(intake, name, fields[name])
    intake.updated_by = by
    intake.full_clean()
    intake.save()
    after = {name: getattr(intake, name) or "" for name in INTAKE_LABELS}
    changes = activity.field_changes(before, after, INTAKE_LABELS)
    if changes:
        _record(programme, by=by, action=ProgrammeActivity.INTAKE_SAVED, changes=changes)
    return intake


@dataclass(frozen=True)
class GroupPlan:
    """One planned group of a proposal."""

    name: str
    focus: str
    frequency: str
    meeting_minutes: int
    facilitators: Sequence[Any]
    participants: Sequence[Any] = field(default_factory=list)


@transaction.atomic
def version_write(
    *,
    programme: Programme,
    by,
    groups: Sequence[GroupPlan],
    fits_with: str = "",
    roles: str = "",
    note: str = "",
) -> ProposalVersion:
    """Write a new version of the structure proposal. Agreement starts again: each
    organisation agrees to this version. Refused once the groups were made."""
    _check_runs(programme, by)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.groups.exists():
        raise KahuiError(_("The groups were made from an agreed proposal already."))
    if not groups:
        raise KahuiError(_("Plan at least one group."))
    people = set(selectors.programme_people(programme).values_list("pk", flat=True))
    for plan in groups:
        if not plan.facilitators:
            raise KahuiError(
                _("Each group needs a facilitator: %(name)s has none.") % {"name": plan.name}
            )
        chosen = [*plan.facilitators, *plan.participants]
        if any(user.pk not in people for user in chosen):
            raise KahuiError(_("Choose people of the programme's organisations only."))
    latest = programme.proposal_versions.order_by("-number").first()
    version = ProposalVersion.objects.create(
        programme=programme,
        number=(latest.number + 1) if latest else 1,
        fits_with=fits_with,
        roles=roles,
        note=note,
        written_by=by,
    )
    for position, plan in enumerate(groups, start=1):
        planned = PlannedGroup.objects.create(
            version=version,
            position=position,
            name=plan.name,
            focus=plan.focus,
            frequency=plan.frequency,
            meeting_minutes=plan.meeting_minutes,
        )
        planned.facilitators.set(plan.facilitators)
        planned.participants.set(plan.participants)
    _record(
        programme,
        by=by,
        action=ProgrammeActivity.VERSION_WRITTEN,
        target=_("Version %(number)s") % {"number": version.number},
        changes={
            "groups": activity.change(
                gettext_lazy("Planned groups"),
                [group.name for group in latest.planned_groups.all()] if latest else "",
                [plan.name for plan in groups],
            )
        },
    )
    if programme.phase == Phase.INTAKE:
        _move(programme, by=by, phase=Phase.PROPOSAL)
    return version


def _check_current(version: ProposalVersion) -> None:
    latest = version.programme.proposal_versions.order_by("-number").values("pk").first()
    if latest is None or latest["pk"] != version.pk:
        raise KahuiError(_("A newer version of the proposal was written: read that one."))


@transaction.atomic
def version_comment(*, version: ProposalVersion, by, text: str) -> ProposalComment:
    """A comment on the current version; comments stay with the version they were on."""
    _check_runs(version.programme, by)
    _check_current(version)
    if not text.strip():
        raise KahuiError(_("Write a comment."))
    comment = ProposalComment.objects.create(version=version, author=by, text=text.strip())
    _record(
        version.programme,
        by=by,
        action=ProgrammeActivity.COMMENTED,
        target=_("Version %(number)s") % {"number": version.number},
    )
    return comment


@transaction.atomic
def version_agree(*, version: ProposalVersion, by, organisation: Organisation) -> Agreement:
    """``by``, an administrator of ``organisation``, agrees for it to this version."""
    programme = version.programme
    _check_current(version)
    if organisation not in programme.organisations():
        raise KahuiError(_("That organisation is not part of this programme."))
    if not OrgMembership.objects.filter(
        organisation=organisation, user=by, role=OrgRole.ADMIN
    ).exists():
        raise NotAllowed(_("Only an administrator of the organisation may agree for it."))
    agreement, created = Agreement.objects.get_or_create(
        version=version, organisation=organisation, defaults={"by": by}
    )
    if created:
        _record(
            programme,
            by=by,
            action=ProgrammeActivity.AGREED,
            target=_("Version %(number)s for %(organisation)s")
            % {"number": version.number, "organisation": organisation.name},
        )
    return agreement


@transaction.atomic
def groups_generate(*, programme: Programme, by) -> list[LearningGroup]:
    """Make the planned groups of the agreed proposal as drafts: the lead organisation's
    PLGs with the partners, their facilitators in them, the participants invited (the
    invitations go out when a facilitator opens the group). Running it again makes
    nothing twice. Returns the groups made now."""
    _check_runs(programme, by)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    version = programme.current_version()
    if version is None or not selectors.is_agreed(version):
        raise KahuiError(_("Every organisation must agree to the proposal first."))
    partners = list(programme.partners.all())
    made = []
    for planned in version.planned_groups.filter(group__isnull=True):
        group = LearningGroup.objects.create(
            name=planned.name,
            purpose=planned.focus,
            organisation=programme.organisation,
            language=programme.organisation.default_language,
            kind=GroupKind.PLG,
            status=Status.DRAFT,
            scope=Scope.EXTERNAL if partners else Scope.INTERNAL,
            frequency=planned.frequency,
            meeting_minutes=planned.meeting_minutes,
            created_by=by,
        )
        group.partners.set(partners)
        activity.record(actor=by, action=GroupActivity.CREATED, group=group, target=group.name)
        facilitators = list(planned.facilitators.all())
        GroupMembership.objects.bulk_create(
            GroupMembership(group=group, user=user, role=GroupRole.FACILITATOR)
            for user in facilitators
        )
        group_services.group_invite(
            group=group,
            by=by,
            emails=[
                user.email
                for user in planned.participants.exclude(pk__in=[f.pk for f in facilitators])
            ],
        )
        planned.group = group
        planned.save(update_fields=["group"])
        programme.groups.add(group)
        made.append(group)
    if made:
        _record(
            programme,
            by=by,
            action=ProgrammeActivity.GROUPS_GENERATED,
            changes={
                "groups": activity.change(
                    gettext_lazy("Groups"), "", [group.name for group in made]
                )
            },
        )
        told = {
            user for planned in version.planned_groups.all() for user in planned.facilitators.all()
        }
        url = reverse("groups:mine")
        transaction.on_commit(
            lambda: notify(
                users=list(told),
                category=Category.INVITATIONS,
                title=_("%(programme)s: your group is ready to set up")
                % {"programme": programme.name},
                url=url,
            )
        )
    if programme.phase in (Phase.INTAKE, Phase.PROPOSAL):
        _move(programme, by=by, phase=Phase.KICK_OFF)
    return made


@transaction.atomic
def coach_add(*, programme: Programme, by, user) -> None:
    """Add a coach of the facilitators: someone of the programme's organisations."""
    _check_runs(programme, by)
    if not selectors.programme_people(programme).filter(pk=user.pk).exists():
        raise KahuiError(_("A coach must belong to one of the programme's organisations."))
    if programme.coaches.filter(pk=user.pk).exists():
        return
    programme.coaches.add(user)
    _record(programme, by=by, action=ProgrammeActivity.COACH_ADDED, target=str(user))


@transaction.atomic
def coach_remove(*, programme: Programme, by, user) -> None:
    _check_runs(programme, by)
    if programme.coaches.filter(pk=user.pk).exists():
        programme.coaches.remove(user)
        _record(programme, by=by, action=ProgrammeActivity.COACH_REMOVED, target=str(user))


@transaction.atomic
def kit_save(*, organisation: Organisation, by, tasks: str, agenda: str) -> KickoffKit:
    """The organisation's own kick-off tasks and agenda; the built-in ones stay."""
    if not selectors.leads(by, organisation):
        raise NotAllowed(_("Only coordinators of the organisation may adapt its kick-off."))
    if not [line for line in tasks.splitlines() if line.strip()]:
        raise KahuiError(_("Write at least one task."))
    kit, _created = KickoffKit.objects.update_or_create(
        organisation=organisation, defaults={"tasks": tasks.strip(), "agenda": agenda.strip()}
    )
    activity.record(
        actor=by,
        action=ProgrammeActivity.KIT_SAVED,
        organisation=organisation,
        target=organisation.name,
    )
    return kit


@transaction.atomic
def kickoff_schedule(
    *, programme: Programme, by, starts_at: datetime, place: str = "", link: str = ""
) -> Kickoff:
    """Schedule (or move) the kick-off for everyone in the programme's groups, with the
    lead organisation's tasks and agenda, and tell each of them."""
    _check_runs(programme, by)
    if not place and not link:
        raise KahuiError(_("Give a place or a link."))
    kickoff = Kickoff.objects.filter(programme=programme).first()
    if kickoff is None:
        tasks, agenda = kit_for(programme.organisation)
        kickoff = Kickoff(programme=programme, tasks=tasks, agenda=agenda)
    kickoff.starts_at, kickoff.place, kickoff.link = starts_at, place, link
    kickoff.scheduled_by = by
    kickoff.save()
    _record(
        programme,
        by=by,
        action=ProgrammeActivity.KICKOFF_SCHEDULED,
        changes={
            "starts_at": activity.change(
                gettext_lazy("Starts"), "", timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")
            )
        },
    )
    participants = list(selectors.kickoff_participants(programme))
    url = reverse("programmes:kickoff", args=[programme.public_id])
    title = _("Kick-off of %(programme)s: the date is set") % {"programme": programme.name}
    transaction.on_commit(
        lambda: notify(users=participants, category=Category.MEETINGS, title=title, url=url)
    )
    if programme.phase in (Phase.INTAKE, Phase.PROPOSAL):
        _move(programme, by=by, phase=Phase.KICK_OFF)
    return kickoff


@transaction.atomic
def kickoff_answer(*, kickoff: Kickoff, by, task: int, text: str) -> KickoffAnswer:
    """Write (or rewrite) one's answer to a kick-off task."""
    if not selectors.kickoff_participants(kickoff.programme).filter(pk=by.pk).exists():
        raise NotAllowed(_("Only the programme's participants answer the kick-off tasks."))
    if not 0 <= task < len(kickoff.tasks):
        raise KahuiError(_("There is no such task."))
    if not text.strip():
        raise KahuiError(_("Write your answer."))
    answer, _created = KickoffAnswer.objects.update_or_create(
        kickoff=kickoff, task=task, author=by, defaults={"text": text.strip()}
    )
    _record(kickoff.programme, by=by, action=ProgrammeActivity.KICKOFF_ANSWERED)
    return answer


@transaction.atomic
def circle_create(
    *, programme: Programme, by, name: str, groups: Iterable[LearningGroup] | None = None
) -> LearningGroup:
    """An intervisie circle for the facilitators of the programme's groups (or of the
    chosen ones): an invitation-only group, open at once, with ``by`` as its
    facilitator and the intervisie protocol as its default."""
    _check_runs(programme, by)
    chosen = programme.groups.all()
    if groups is not None:
        chosen = chosen.filter(pk__in=[group.pk for group in groups])
    facilitators = list(
        {
            membership.user
            for membership in GroupMembership.objects.filter(
                group__in=chosen, role=GroupRole.FACILITATOR
            ).select_related("user")
            if membership.user_id != by.pk
        }
    )
    if not facilitators:
        raise KahuiError(_("The chosen groups have no facilitators yet."))
    # The circle's own texts are the group's content: written in the language it meets
    # in (its organisation's), whatever language the coordinator's page is in.
    with translation.override(programme.organisation.default_language):
        purpose = _("Facilitators of %(programme)s learn from each other's cases.") % {
            "programme": programme.name
        }
        goal = {
            "text": _("Each facilitator brings a case and takes advice home"),
            "evidence": _("What facilitators tried after a session, and how it went"),
        }
    circle = group_services.group_create(
        by=by, name=name, purpose=purpose, organisation=programme.organisation
    )
    circle = group_services.group_update(
        group=circle,
        by=by,
        version=None,
        kind=GroupKind.INTERVISIE,
        access=Access.INVITE,
        scope=Scope.EXTERNAL if programme.partners.exists() else Scope.INTERNAL,
        default_template=AgendaTemplate.objects.filter(key="intervisie", group=None).first(),
    )
    circle.partners.set(programme.partners.all())
    group_services.goals_save(
        group=circle,
        by=by,
        rows=[group_services.ItemEdit(id=None, values=goal)],
    )
    for user in facilitators:
        GroupMembership.objects.create(group=circle, user=user, role=GroupRole.MEMBER)
        activity.record(
            actor=user, action=GroupActivity.MEMBER_JOINED, group=circle, target=str(user)
        )
    group_services.group_activate(group=circle, by=by)
    programme.circles.add(circle)
    _record(programme, by=by, action=ProgrammeActivity.CIRCLE_CREATED, target=circle.name)
    url = reverse("groups:home", args=[circle.public_id])
    title = _("You are in the intervisie circle %(name)s") % {"name": circle.name}
    transaction.on_commit(
        lambda: notify(
            users=facilitators, category=Category.INVITATIONS, title=title, url=url, group=circle
        )
    )
    return circle
