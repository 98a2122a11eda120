"""Changes to learning groups. Views call these; they hold the rules.

Every function runs in one transaction, records what changed in the activity log,
and sends email only after the transaction commits."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kahui.accounts.choices import SUBJECT_LABELS, YEAR_LEVEL_LABELS
from kahui.accounts.models import User
from kahui.core import activity, search
from kahui.core.errors import Conflict, KahuiError, NotAllowed
from kahui.groups.access import is_facilitator, is_invitee, is_member
from kahui.groups.activity import GroupActivity
from kahui.groups.models import (
    GROUP_ROLES,
    Access,
    Goal,
    GroupInvite,
    GroupMembership,
    GroupRole,
    GroupSupporter,
    JoinRequest,
    LearningGroup,
    Norm,
    RequestStatus,
    Status,
)
from kahui.groups.selectors import partner_choices
from kahui.groups.signals import round_finished
from kahui.groups.stages import Stage, next_stage
from kahui.notifications.models import Category
from kahui.notifications.services import notify, queue_email
from kahui.orgs.models import Organisation

# The fields a history page can show, with the words it uses for them.
GROUP_FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "purpose": gettext_lazy("Purpose"),
    "vision": gettext_lazy("Shared vision"),
    "focus_areas": gettext_lazy("Focus areas"),
    "year_levels": gettext_lazy("Year levels"),
    "learning_areas": gettext_lazy("Subjects / learning areas"),
    "shared_learners": gettext_lazy("Shared learners"),
    "organisation": gettext_lazy("Organisation"),
    "format": gettext_lazy("How you meet"),
    "scope": gettext_lazy("Who it is for"),
    "frequency": gettext_lazy("How often"),
    "meeting_minutes": gettext_lazy("Meeting length (minutes)"),
    "target_size": gettext_lazy("Target size"),
    "access": gettext_lazy("Joining"),
    "rotate_duties": gettext_lazy("Rotating duties"),
    "reminder_minutes": gettext_lazy("Reminders (minutes before)"),
    "stage": gettext_lazy("He Pikorua stage"),
    "partners": gettext_lazy("Partner organisations"),
    "language": gettext_lazy("Language"),
}

STARTER_NORMS = [
    gettext_lazy("We start and finish on time, and come having done what we agreed."),
    gettext_lazy("What colleagues share about their learners and classes stays in the group."),
    gettext_lazy("We listen to understand before we respond, and everyone gets a turn."),
    gettext_lazy("We assume good intent and ask questions before we judge."),
    gettext_lazy("We bring evidence from our practice, not only opinions."),
    gettext_lazy("We build on each other's strengths and celebrate progress."),
]


class StaleEdit(Conflict):
    """Someone else saved the group after this form was opened."""

    def __init__(self, current: LearningGroup) -> None:
        super().__init__(
            _(
                "Someone else saved changes to this group while you were editing. "
                "Compare their version with yours below, then save again."
            )
        )
        self.current = current


def snapshot(group: LearningGroup) -> dict[str, Any]:
    """The group's editable fields as readable text, for the history."""
    values: dict[str, Any] = {}
    for name in GROUP_FIELD_LABELS:
        if name == "focus_areas":
            values[name] = sorted(area.name for area in group.focus_areas.all())
        elif name == "year_levels":
            values[name] = group.year_level_labels
        elif name == "learning_areas":
            values[name] = group.learning_area_labels
        elif name == "organisation":
            values[name] = group.organisation.name if group.organisation else ""
        elif name == "partners":
            values[name] = sorted(org.name for org in group.partners.all()) if group.pk else []
        elif name == "rotate_duties":
            values[name] = _("yes") if group.rotate_duties else _("no")
        else:
            display = getattr(group, f"get_{name}_display", None)
            values[name] = str(display()) if display else getattr(group, name)
    return values


@transaction.atomic
def group_create(
    *,
    by,
    name: str,
    purpose: str,
    focus_areas: Iterable[Any] = (),
    organisation=None,
    year_levels: Sequence[str] = (),
    learning_areas: Sequence[str] = (),
    shared_learners: str = "",
) -> LearningGroup:
    """Start setting up a group; the person who starts it is its first facilitator.
    Its meetings follow the built-in regular meeting until it chooses its own default.
    It meets in its organisation's default language until a facilitator changes it.
    ``year_levels`` and ``learning_areas`` (codes of the profile's vocabularies) and
    ``shared_learners`` say who the group is for."""
    _check_audience(year_levels=year_levels, learning_areas=learning_areas)
    group = LearningGroup.objects.create(
        name=name,
        purpose=purpose,
        organisation=organisation,
        created_by=by,
        year_levels=list(year_levels),
        learning_areas=list(learning_areas),
        shared_learners=shared_learners,
        language=organisation.default_language if organisation else settings.LANGUAGE_CODE,
    )
    group.focus_areas.set(focus_areas)
    GroupMembership.objects.create(group=group, user=by, role=GroupRole.FACILITATOR)
    activity.record(actor=by, action=GroupActivity.CREATED, group=group, target=group.name)
    search.index_many([_search_document(group)])
    return group


def _search_document(group: LearningGroup) -> search.Document:
    # Who finds it is groups_found_by's to say (the rule registered for "group").
    return search.Document(
        kind="group",
        object_id=group.pk,
        group_id=group.pk,
        title=group.name,
        body="\n\n".join(filter(None, [group.purpose, group.vision, group.shared_learners])),
        url=_group_url(group),
    )


def groups_reindex() -> int:
    """Every group in the search index again (``kahui reindex-search``)."""
    groups = LearningGroup.objects.order_by("pk")
    return search.index_many(_search_document(g) for g in groups.iterator(chunk_size=2000))


@transaction.atomic
def group_update(*, group: LearningGroup, by, version: int | None, **fields: Any) -> LearningGroup:
    """Change some of the group's fields, refusing a stale edit.

    ``version`` is the group's version when the editor opened the form; if the
    group was saved since, :class:`StaleEdit` carries the current state."""
    locked = LearningGroup.objects.select_for_update().get(pk=group.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(locked)
    before = snapshot(locked)
    _check_audience(
        year_levels=fields.get("year_levels", ()), learning_areas=fields.get("learning_areas", ())
    )
    focus_areas = fields.pop("focus_areas", None)
    partners = fields.pop("partners", None)
    old_organisation, old_language = locked.organisation, locked.language
    for name, value in fields.items():
        setattr(locked, name, value)
    _follow_organisation_language(locked, old_organisation, old_language)
    locked.full_clean(exclude=["created_by"])
    if focus_areas is not None:
        locked.focus_areas.set(focus_areas)
    if partners is not None:
        _check_partners(locked, by, partners)
        locked.partners.set(partners)
    after = snapshot(locked)
    changes = activity.field_changes(before, after, GROUP_FIELD_LABELS)
    if changes:
        locked.version = F("version") + 1
        locked.save()
        locked.refresh_from_db()
        search.index_many([_search_document(locked)])
        activity.record(
            actor=by,
            action=GroupActivity.UPDATED,
            group=locked,
            target=locked.name,
            changes=changes,
        )
    return locked


def _follow_organisation_language(
    group: LearningGroup, old_organisation: Organisation | None, old_language: str
) -> None:
    """A group that moves into an organisation (the set-up wizard chooses it after
    the group exists) takes its default language, unless the group's language was
    chosen apart from its former organisation's default, or is being changed now."""
    new = group.organisation
    if new is None or new == old_organisation or group.language != old_language:
        return
    old_default = old_organisation.default_language if old_organisation else settings.LANGUAGE_CODE
    if old_language == old_default:
        group.language = new.default_language


def _check_audience(*, year_levels: Iterable[str], learning_areas: Iterable[str]) -> None:
    """Year levels and learning areas are codes of the profile's vocabularies, so
    that Explore and people search match groups and colleagues on the same words."""
    if not set(year_levels) <= YEAR_LEVEL_LABELS.keys():
        raise KahuiError(_("Choose year levels from the list."))
    if not set(learning_areas) <= SUBJECT_LABELS.keys():
        raise KahuiError(_("Choose subjects and learning areas from the list."))


def _check_partners(group: LearningGroup, by, partners: Iterable[Any]) -> None:
    allowed = set(partner_choices(group, by).values_list("pk", flat=True))
    if any(org.pk not in allowed or org.pk == group.organisation_id for org in partners):
        raise NotAllowed(
            _(
                "A partner is one of your own organisations or another school of the "
                "group's cluster."
            )
        )


@dataclass(frozen=True)
class ItemEdit:
    """One row of the goals or agreements editor."""

    id: int | None
    values: dict[str, str]
    delete: bool = False


def _save_items(
    *,
    group: LearningGroup,
    by,
    model: type[Goal] | type[Norm],
    rows: Sequence[ItemEdit],
    labels: dict[str, Any],
    actions: tuple[GroupActivity, GroupActivity, GroupActivity],
) -> None:
    added, changed, removed = actions
    existing = {item.pk: item for item in model.objects.filter(group=group)}
    position = 0
    for row in rows:
        item = existing.get(row.id) if row.id else None
        if row.id and item is None:
            raise Conflict(_("An item you edited was removed by someone else. Reload the page."))
        if row.delete:
            if item is not None:
                item.delete()
                activity.record(
                    actor=by,
                    action=removed,
                    group=group,
                    target=str(item),
                    changes={
                        name: activity.change(label, getattr(item, name), "")
                        for name, label in labels.items()
                    },
                )
            continue
        position += 1
        if item is None:
            item = model.objects.create(group=group, position=position, **row.values)
            activity.record(
                actor=by,
                action=added,
                group=group,
                target=str(item),
                changes={
                    name: activity.change(label, "", row.values[name])
                    for name, label in labels.items()
                },
            )
            continue
        before = {name: getattr(item, name) for name in labels}
        for name, value in row.values.items():
            setattr(item, name, value)
        item.position = position
        item.save()
        diff = activity.field_changes(before, row.values, labels)
        if diff:
            activity.record(actor=by, action=changed, group=group, target=str(item), changes=diff)


@transaction.atomic
def goals_save(*, group: LearningGroup, by, rows: Sequence[ItemEdit]) -> None:
    """Replace the group's goals with the edited list. At least one goal must remain."""
    if not [row for row in rows if not row.delete]:
        raise KahuiError(_("A group needs at least one goal."))
    _save_items(
        group=group,
        by=by,
        model=Goal,
        rows=rows,
        labels={
            "text": gettext_lazy("Goal"),
            "evidence": gettext_lazy("How we will see progress"),
        },
        actions=(GroupActivity.GOAL_ADDED, GroupActivity.GOAL_CHANGED, GroupActivity.GOAL_REMOVED),
    )


@transaction.atomic
def norms_save(*, group: LearningGroup, by, rows: Sequence[ItemEdit]) -> None:
    """Replace the group's agreements with the edited list."""
    _save_items(
        group=group,
        by=by,
        model=Norm,
        rows=rows,
        labels={"text": gettext_lazy("Agreement")},
        actions=(GroupActivity.NORM_ADDED, GroupActivity.NORM_CHANGED, GroupActivity.NORM_REMOVED),
    )


@transaction.atomic
def group_activate(*, group: LearningGroup, by) -> LearningGroup:
    """Finish the set-up: the group opens, at the first He Pikorua stage.

    It needs a goal: the inquiry starts from one, and it is what colleagues read when
    they decide whether to join. The shared vision and the agreements may wait; the
    group home reminds its facilitators to write them together."""
    # Locked, so two clicks on “Finish” open the group (and send its invitations) once.
    group.status = (
        LearningGroup.objects.select_for_update().values_list("status", flat=True).get(pk=group.pk)
    )
    if group.status != Status.DRAFT:
        return group
    if not group.goals.exists():
        raise KahuiError(_("Add at least one goal before opening the group."))
    group.status = Status.ACTIVE
    group.stage = Stage.CONNECT
    group.stage_changed_at = timezone.now()
    group.save(update_fields=["status", "stage", "stage_changed_at", "updated_at"])
    activity.record(actor=by, action=GroupActivity.ACTIVATED, group=group, target=group.name)
    # Invitations made during the set-up (co-facilitators) go out now the group is open.
    for invite in group.invites.pending().select_related("invited_by__profile"):
        _send_invite(invite, invite.invited_by or by)
    return group


@transaction.atomic
def group_set_stage(*, group: LearningGroup, by, stage: str | None = None) -> LearningGroup:
    """Move the group to ``stage``, or on to the next stage of He Pikorua.

    Moving on from reflecting starts the next inquiry round."""
    locked = LearningGroup.objects.select_for_update().get(pk=group.pk)
    if locked.status != Status.ACTIVE:
        raise KahuiError(_("Only an open group moves through the stages."))
    old = Stage(locked.stage)
    new = Stage(stage) if stage else next_stage(old)
    if new == old:
        return locked
    if old == Stage.REFLECT and new == Stage.CONNECT:
        locked.cycle += 1
    locked.stage = new
    locked.stage_changed_at = timezone.now()
    locked.version = F("version") + 1
    locked.save(update_fields=["stage", "cycle", "stage_changed_at", "version", "updated_at"])
    locked.refresh_from_db()
    activity.record(
        actor=by,
        action=GroupActivity.STAGE_CHANGED,
        group=locked,
        target=locked.name,
        changes={"stage": activity.change(GROUP_FIELD_LABELS["stage"], old.label, new.label)},
    )
    if old == Stage.REFLECT and new == Stage.CONNECT:
        round_finished.send(sender=LearningGroup, group=locked, finished=locked.cycle - 1, by=by)
    return locked


@transaction.atomic
def group_next_round(*, group: LearningGroup, by) -> LearningGroup:
    """Start the group's next inquiry round and leave its He Pikorua stage where it
    is: a round that followed another model of inquiry has ended. (A He Pikorua
    round starts the next one by moving on from reflecting, :func:`group_set_stage`.)"""
    locked = LearningGroup.objects.select_for_update().get(pk=group.pk)
    if locked.status != Status.ACTIVE:
        raise KahuiError(_("Only an open group moves through the stages."))
    old = locked.cycle
    locked.cycle += 1
    locked.version = F("version") + 1
    locked.save(update_fields=["cycle", "version", "updated_at"])
    locked.refresh_from_db()
    activity.record(
        actor=by,
        action=GroupActivity.UPDATED,
        group=locked,
        target=locked.name,
        changes={"cycle": activity.change(_("Inquiry round"), old, locked.cycle)},
    )
    return locked


def _group_url(group: LearningGroup) -> str:
    return reverse("groups:home", args=[group.public_id])


def _notify_facilitators(group: LearningGroup, title: str, template: str, context) -> None:
    facilitators = [
        m.user
        for m in group.memberships.filter(role=GroupRole.FACILITATOR).select_related(
            "user__profile"
        )
    ]
    notify(
        users=facilitators,
        category=Category.JOIN_REQUESTS,
        title=title,
        url=reverse("groups:members", args=[group.public_id]) + "#requests",
        group=group,
        email_template=template,
        context={"group": group, "group_url": _group_url(group), **context},
    )


def _add_member(*, group: LearningGroup, user, role: str = GroupRole.MEMBER) -> GroupMembership:
    membership, created = GroupMembership.objects.get_or_create(
        group=group, user=user, defaults={"role": role}
    )
    if not created and not GROUP_ROLES.at_least(membership.role, role):
        # An invitation to a higher role raises the member; it never lowers one.
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    if created:
        activity.record(
            actor=user, action=GroupActivity.MEMBER_JOINED, group=group, target=str(user)
        )
    return membership


def _send_invite(invite: GroupInvite, by) -> None:
    group = invite.group
    invitee = User.objects.filter(email__iexact=invite.email).first()
    if invitee is not None:  # the email below goes anyway: it is addressed to the email
        notify(
            users=[invitee],
            category=Category.INVITATIONS,
            title=_("%(name)s invited you to %(group)s")
            % {"name": by.display_name, "group": group.name},
            url=reverse("groups:invite", args=[invite.token]),
            group=group,
        )
    queue_email(
        key=f"group-invite:{invite.public_id}",
        email=invite.email,
        category=Category.INVITATIONS,
        template="group_invite",
        context={
            "group": group,
            "invite": invite,
            "inviter": by.display_name,
            "accept_url": reverse("groups:invite", args=[invite.token]),
        },
    )


@transaction.atomic
def group_invite(
    *, group: LearningGroup, by, emails: Iterable[str], role: str = GroupRole.MEMBER, message=""
) -> list[GroupInvite]:
    """Invite colleagues by email. People already in the group, or already invited,
    are skipped. Returns the invitations made.

    While the group is being set up the invitations wait: they are sent when the
    group opens (:func:`group_activate`), so nobody follows a link to a group that
    cannot take them yet."""
    if group.status == Status.ARCHIVED:
        raise KahuiError(_("This group has been archived."))
    members = {email.lower() for email in group.memberships.values_list("user__email", flat=True)}
    pending = {email.lower() for email in group.invites.pending().values_list("email", flat=True)}
    sent: list[GroupInvite] = []
    for email in dict.fromkeys(address.strip().lower() for address in emails):
        if not email or email in members or email in pending:
            continue
        invite = GroupInvite.objects.create(
            group=group, email=email, role=role, message=message, invited_by=by
        )
        # The address stays out of the log: members see the history, and the person
        # invited has not joined (facilitators see pending invitations by address).
        activity.record(actor=by, action=GroupActivity.INVITED, group=group)
        if group.status != Status.DRAFT:
            _send_invite(invite, by)
        sent.append(invite)
    return sent


@transaction.atomic
def group_launch(
    *, group: LearningGroup, by, emails: Iterable[str], role: str = GroupRole.MEMBER, message=""
) -> list[GroupInvite]:
    """The wizard's last step: open the group, then invite. The group is checked
    before any invitation is made, so a refusal sends nothing. Returns every
    invitation sent: those made during the set-up (co-facilitators) and these."""
    waiting = list(group.invites.pending()) if group.status == Status.DRAFT else []
    group_activate(group=group, by=by)
    return waiting + group_invite(group=group, by=by, emails=emails, role=role, message=message)


def _check_invitee(invite: GroupInvite, user) -> None:
    # An invitation belongs to the account holding its address, so a forwarded link
    # does not open an invitation-only group.
    if not is_invitee(user, invite):
        raise NotAllowed(
            _(
                "This invitation was sent to %(email)s. Log in with that address, or ask "
                "the facilitator to invite the address you use."
            )
            % {"email": invite.email}
        )


@transaction.atomic
def invite_accept(*, invite: GroupInvite, user) -> GroupMembership:
    """Accept an invitation: the person joins with the role they were invited to."""
    invite = GroupInvite.objects.select_for_update().get(pk=invite.pk)
    if not invite.is_pending:
        raise KahuiError(_("This invitation has already been used or withdrawn."))
    _check_invitee(invite, user)
    if invite.group.status == Status.ARCHIVED:
        raise KahuiError(_("This group has been archived."))
    if invite.group.status == Status.DRAFT:
        # The invitation stays open: it can be accepted once the group opens.
        raise KahuiError(
            _(
                "%(group)s is still being set up. Your invitation stays open: use the same "
                "link once the group opens."
            )
            % {"group": invite.group.name}
        )
    membership = _add_member(group=invite.group, user=user, role=invite.role)
    invite.accepted_at = timezone.now()
    invite.accepted_by = user
    invite.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership


@transaction.atomic
def invite_decline(*, invite: GroupInvite, user) -> None:
    if not invite.is_pending:
        raise KahuiError(_("This invitation has already been used or withdrawn."))
    _check_invitee(invite, user)
    invite.declined_at = timezone.now()
    invite.save(update_fields=["declined_at", "updated_at"])


@transaction.atomic
def invite_revoke(*, invite: GroupInvite, by) -> None:
    if not invite.is_pending:
        raise KahuiError(_("This invitation has already been used or withdrawn."))
    invite.revoked_at = timezone.now()
    invite.save(update_fields=["revoked_at", "updated_at"])
    activity.record(actor=by, action=GroupActivity.INVITE_REVOKED, group=invite.group)


@transaction.atomic
def group_join(*, group: LearningGroup, user) -> GroupMembership:
    """Join an open group straight away."""
    if group.status != Status.ACTIVE:
        raise KahuiError(_("This group is not taking new members."))
    if group.access != Access.OPEN:
        raise NotAllowed(_("This group takes new members on request. Ask to join instead."))
    return _add_member(group=group, user=user)


@transaction.atomic
def join_request_create(*, group: LearningGroup, user, message: str = "") -> JoinRequest:
    """Ask the facilitators to let ``user`` join."""
    if group.status != Status.ACTIVE:
        raise KahuiError(_("This group is not taking new members."))
    if group.access == Access.INVITE:
        raise NotAllowed(_("This group is by invitation only."))
    if group.access == Access.OPEN:
        raise KahuiError(_("This group is open: join it straight away."))
    if group.memberships.filter(user=user).exists():
        raise KahuiError(_("You are already a member of this group."))
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(group=group, user=user, message=message)
    except IntegrityError:
        raise KahuiError(_("You have already asked to join; a facilitator will reply.")) from None
    activity.record(actor=user, action=GroupActivity.JOIN_REQUESTED, group=group, target=str(user))
    _notify_facilitators(
        group,
        _("%(name)s asks to join %(group)s") % {"name": user.display_name, "group": group.name},
        "join_request",
        {"requester": user.display_name, "message": message},
    )
    return request


@transaction.atomic
def join_request_decide(*, request: JoinRequest, by, approve: bool, reply: str = "") -> JoinRequest:
    """A facilitator approves or declines; the requester is told either way."""
    request = (
        JoinRequest.objects.select_for_update().select_related("group", "user").get(pk=request.pk)
    )
    if request.status != RequestStatus.PENDING:
        raise KahuiError(_("This request has already been answered."))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.reply = reply
    request.save(update_fields=["status", "decided_by", "decided_at", "reply", "updated_at"])
    if approve:
        _add_member(group=request.group, user=request.user)
    activity.record(
        actor=by,
        action=GroupActivity.JOIN_APPROVED if approve else GroupActivity.JOIN_DECLINED,
        group=request.group,
        target=str(request.user),
    )
    notify(
        users=[request.user],
        category=Category.JOIN_REQUESTS,
        title=(
            _("You joined %(group)s")
            if approve
            else _("Your request to join %(group)s was declined")
        )
        % {"group": request.group.name},
        url=_group_url(request.group),
        group=request.group,
        email_template="join_decision",
        context={
            "group": request.group,
            "approved": approve,
            "reply": reply,
            "group_url": _group_url(request.group),
        },
    )
    return request


@transaction.atomic
def join_request_withdraw(*, request: JoinRequest, user) -> None:
    if request.user_id != user.pk or request.status != RequestStatus.PENDING:
        raise KahuiError(_("This request can no longer be withdrawn."))
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status", "updated_at"])
    activity.record(actor=user, action=GroupActivity.JOIN_WITHDRAWN, group=request.group)


@transaction.atomic
def group_leave(*, group: LearningGroup, user) -> None:
    """Leave a group. The last facilitator must hand over first while others remain;
    a group whose last member leaves is archived."""
    GROUP_ROLES.lock(group)
    membership = group.memberships.select_for_update().filter(user=user).order_by().first()
    if membership is None:
        raise KahuiError(_("You are not a member of this group."))
    others = group.memberships.exclude(pk=membership.pk).count()
    if others and GROUP_ROLES.leaves_none(group, role=membership.role, becomes=None):
        raise KahuiError(
            _("You are the group's only facilitator. Make another member a facilitator first.")
        )
    membership.delete()
    activity.record(actor=user, action=GroupActivity.MEMBER_LEFT, group=group, target=str(user))
    if not others:
        group.status = Status.ARCHIVED
        group.closed_at = timezone.now()
        group.save(update_fields=["status", "closed_at", "updated_at"])


@transaction.atomic
def membership_set_role(*, membership: GroupMembership, by, role: str) -> GroupMembership:
    if role not in GroupRole.values:
        raise KahuiError(_("Unknown role."))
    GROUP_ROLES.lock(membership.group)
    membership.refresh_from_db(fields=["role"])  # as it is now, under the lock
    if GROUP_ROLES.leaves_none(membership.group, role=membership.role, becomes=role):
        raise KahuiError(_("A group needs at least one facilitator."))
    old = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    activity.record(
        actor=by,
        action=GroupActivity.ROLE_CHANGED,
        group=membership.group,
        target=str(membership.user),
        changes={"role": activity.change(_("Role"), old, membership.get_role_display())},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: GroupMembership, by) -> None:
    if membership.user_id == by.pk:
        raise KahuiError(_("Use “Leave group” to leave it yourself."))
    GROUP_ROLES.lock(membership.group)
    try:
        membership.refresh_from_db(fields=["role"])  # as it is now, under the lock
    except GroupMembership.DoesNotExist:
        raise KahuiError(_("This person is no longer in the group.")) from None
    if GROUP_ROLES.leaves_none(membership.group, role=membership.role, becomes=None):
        raise KahuiError(_("A group needs at least one facilitator."))
    membership.delete()
    activity.record(
        actor=by,
        action=GroupActivity.MEMBER_REMOVED,
        group=membership.group,
        target=str(membership.user),
    )


# Supporters: someone who is not a member (an RTLB, a coach) supports the group with its
# consent. A facilitator invites them, every member sees the invitation and who made it,
# any facilitator lets them go at any time, and they accept, decline or leave.


def _supporting_url() -> str:
    return reverse("groups:supporting")


def _check_facilitator(group: LearningGroup, by) -> None:
    if not is_facilitator(by, group):
        raise NotAllowed(_("Only the group's facilitators invite supporters and let them go."))


@transaction.atomic
def supporter_invite(*, group: LearningGroup, by, email: str, role_note: str) -> GroupSupporter:
    """Invite the Kāhui account at ``email`` to support ``group`` (``role_note``: how
    they support it, "RTLB", "coach"). They see nothing of the group until they accept."""
    _check_facilitator(group, by)
    if group.status != Status.ACTIVE:
        raise KahuiError(_("Supporters can be invited once the group is open."))
    email = email.strip()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise KahuiError(
            _(
                "No Kāhui account uses %(email)s. Ask them to create an account first "
                "(or give the address they use), then invite them."
            )
            % {"email": email}
        )
    if is_member(user, group):
        raise KahuiError(
            _("%(name)s is a member of the group already.") % {"name": user.display_name}
        )
    if GroupSupporter.objects.filter(group=group, user=user, revoked_at__isnull=True).exists():
        raise KahuiError(
            _("%(name)s supports the group already, or has been invited to.")
            % {"name": user.display_name}
        )
    supporter = GroupSupporter.objects.create(
        group=group, user=user, role_note=role_note.strip(), invited_by=by
    )
    activity.record(actor=by, action=GroupActivity.SUPPORTER_INVITED, group=group, target=str(user))
    transaction.on_commit(
        lambda: notify(
            users=[user],
            category=Category.INVITATIONS,
            title=_("%(name)s invited you to support %(group)s")
            % {"name": by.display_name, "group": group.name},
            url=_supporting_url(),
            email_template="supporter_invite",
            context={
                "group": group,
                "inviter": by.display_name,
                "role_note": supporter.role_note,
                "answer_url": _supporting_url(),
            },
            key=f"supporter-invite:{supporter.public_id}",
        )
    )
    return supporter


def _own(supporter: GroupSupporter, user) -> GroupSupporter:
    locked = GroupSupporter.objects.select_for_update().select_related("group").get(pk=supporter.pk)
    if locked.user_id != user.pk:
        raise NotAllowed(_("This invitation to support a group is someone else's."))
    if locked.revoked_at is not None:
        raise KahuiError(_("This invitation has been withdrawn or answered already."))
    return locked


@transaction.atomic
def supporter_accept(*, supporter: GroupSupporter, user) -> GroupSupporter:
    """Accept an invitation to support a group: from now on they see its meetings,
    inquiry and shared work."""
    supporter = _own(supporter, user)
    if supporter.accepted_at is not None:
        raise KahuiError(_("You support this group already."))
    if supporter.group.status != Status.ACTIVE:
        raise KahuiError(_("This group is not active any more."))
    supporter.accepted_at = timezone.now()
    supporter.save(update_fields=["accepted_at", "updated_at"])
    activity.record(
        actor=user,
        action=GroupActivity.SUPPORTER_ACCEPTED,
        group=supporter.group,
        target=str(user),
    )
    return supporter


@transaction.atomic
def supporter_decline(*, supporter: GroupSupporter, user) -> GroupSupporter:
    supporter = _own(supporter, user)
    if supporter.accepted_at is not None:
        raise KahuiError(_("You accepted this invitation already: leave the group instead."))
    supporter.revoked_at = timezone.now()
    supporter.save(update_fields=["revoked_at", "updated_at"])
    activity.record(
        actor=user,
        action=GroupActivity.SUPPORTER_DECLINED,
        group=supporter.group,
        target=str(user),
    )
    return supporter


@transaction.atomic
def supporter_leave(*, supporter: GroupSupporter, user) -> GroupSupporter:
    """Stop supporting a group, at any time."""
    supporter = _own(supporter, user)
    if supporter.accepted_at is None:
        raise KahuiError(_("You have not accepted this invitation: decline it instead."))
    supporter.revoked_at = timezone.now()
    supporter.save(update_fields=["revoked_at", "updated_at"])
    activity.record(
        actor=user, action=GroupActivity.SUPPORTER_LEFT, group=supporter.group, target=str(user)
    )
    return supporter


@transaction.atomic
def supporter_revoke(*, supporter: GroupSupporter, by) -> GroupSupporter:
    """A facilitator lets a supporter go, or withdraws the invitation, at any time."""
    _check_facilitator(supporter.group, by)
    supporter = (
        GroupSupporter.objects.select_for_update()
        .select_related("group", "user")
        .get(pk=supporter.pk)
    )
    if supporter.revoked_at is not None:
        raise KahuiError(_("This person no longer supports the group."))
    supporter.revoked_at = timezone.now()
    supporter.save(update_fields=["revoked_at", "updated_at"])
    activity.record(
        actor=by,
        action=GroupActivity.SUPPORTER_REVOKED,
        group=supporter.group,
        target=str(supporter.user),
    )
    group, user = supporter.group, supporter.user
    transaction.on_commit(
        lambda: notify(
            users=[user],
            category=Category.INVITATIONS,
            title=_("%(group)s no longer has you as a supporter") % {"group": group.name},
            url=_supporting_url(),
        )
    )
    return supporter
