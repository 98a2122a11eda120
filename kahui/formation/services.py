"""Forming groups: starting a run, the background job that runs the engine, moving
someone on the board, and publishing the groups as drafts with their invitations.

Every function that changes something runs in one transaction and records it in the
activity log; notifications go after the commit."""

import uuid
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.accounts.choices import SUBJECT_LABELS, YEAR_LEVEL_LABELS
from kahui.accounts.models import User
from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.formation import board as boards
from kahui.formation.access import may_form, may_publish_into
from kahui.formation.activity import FormationActivity
from kahui.formation.models import FormationRun, RunStatus
from kahui.formation.selectors import board_of, names_of, people_of, rules_of
from kahui.formation.tasks import form_run
from kahui.formation.words import breach_text
from kahui.groups import services as group_services
from kahui.groups.activity import GroupActivity
from kahui.groups.models import GroupKind, GroupMembership, GroupRole, LearningGroup, Scope, Status
from kahui.notifications.models import Category
from kahui.notifications.services import notify


class MoveRefused(KahuiError):
    """The move would break a hard rule; the message says which."""


def _check(organisation, by) -> None:
    if not may_form(by, organisation):
        raise NotAllowed(_("Only the organisation's coordinators may form groups."))


@transaction.atomic
def run_start(
    *,
    organisation,
    by,
    name: str,
    source: str,
    cohort: dict[str, Any],
    rules: dict[str, Any],
    programme=None,
) -> FormationRun:
    """Store the cohort and rules and queue the job that forms the groups."""
    _check(organisation, by)
    if programme is not None and not may_publish_into(by, programme):
        raise NotAllowed(_("Only the programme's coordinators may form its groups."))
    run = FormationRun.objects.create(
        organisation=organisation,
        programme=programme,
        created_by=by,
        name=name,
        source=source,
        cohort=cohort,
        rules=rules,
    )
    activity.record(
        actor=by, action=FormationActivity.STARTED, organisation=organisation, target=name
    )
    transaction.on_commit(lambda: form_run.enqueue(run_id=run.pk))
    return run


@transaction.atomic
def run_move(*, run: FormationRun, by, person: str, to: int) -> FormationRun:
    """Move ``person`` to group ``to`` (1-based), unless that breaks a hard rule:
    :class:`MoveRefused` then says which."""
    _check(run.organisation, by)
    run = (
        FormationRun.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=run.pk)
    )
    if run.published_at is not None:
        raise KahuiError(_("These groups are published; change them in each group now."))
    groups = run.result.get("groups")
    if run.status != RunStatus.DONE or not groups:
        raise KahuiError(_("There are no formed groups to change."))
    names = names_of(run)
    if person not in names:
        raise KahuiError(_("That person is not in this cohort."))
    if not 1 <= to <= len(groups):
        raise KahuiError(_("There is no such group."))
    if person in groups[to - 1]:
        raise KahuiError(
            _("%(name)s is already in group %(group)s.") % {"name": names[person], "group": to}
        )
    rules = rules_of(run)
    moved, broken = boards.move(people_of(run), groups, rules, person=person, to=to)
    if broken:
        raise MoveRefused(
            _("%(name)s cannot move to group %(group)s: %(reasons)s")
            % {
                "name": names[person],
                "group": to,
                "reasons": " ".join(
                    breach_text(b, names, min_size=rules.min_size, max_size=rules.max_size)
                    for b in broken
                ),
            }
        )
    run.result = {**run.result, "groups": moved, "moves": run.result.get("moves", 0) + 1}
    run.save(update_fields=["result", "updated_at"])
    activity.record(
        actor=by,
        action=FormationActivity.MOVED,
        organisation=run.organisation,
        target=run.name,
        changes={
            "group": activity.change(_("Group"), "", str(to)),
        },
    )
    return run


def _users_for(run: FormationRun) -> dict[str, User]:
    """The accounts of the cohort's people: by the account a row came from, else by an
    id that is an account's public id or address."""
    rows = run.cohort.get("people", [])
    keys = {row.get("user") or row["id"] for row in rows}
    public_ids = []
    for key in keys:
        try:
            public_ids.append(str(uuid.UUID(key)))
        except ValueError:
            continue
    found = User.objects.filter(public_id__in=public_ids) if public_ids else User.objects.none()
    by_key = {str(user.public_id): user for user in found}
    emails = {key.lower() for key in keys if "@" in key}
    for user in User.objects.filter(email__in=emails) if emails else ():
        by_key[user.email.lower()] = user
    out = {}
    for row in rows:
        key = row.get("user") or row["id"]
        account = by_key.get(key) or by_key.get(key.lower())
        if account is not None:
            out[row["id"]] = account
    return out


def _common(values: list[list[str]], known: dict[str, Any]) -> list[str]:
    if not values:
        return []
    shared = set(values[0]).intersection(*values[1:])
    return sorted(code for code in shared if code in known)


@transaction.atomic
def run_publish(*, run: FormationRun, by) -> list[LearningGroup]:
    """Make the formed groups as drafts (in the run's programme, when it has one,
    otherwise in the organisation): their facilitators in them (or the coordinator,
    for a group without one), everyone else invited through the groups' invitations,
    which go out when a facilitator opens the group. Publishing again makes nothing
    twice. Returns the groups made now."""
    _check(run.organisation, by)
    run = (
        FormationRun.objects.select_for_update(of=("self",))
        .select_related("organisation", "programme__organisation")
        .get(pk=run.pk)
    )
    if run.published_at is not None:
        return []
    board = board_of(run)
    if run.status != RunStatus.DONE or board is None:
        raise KahuiError(_("There are no formed groups to publish."))
    programme = run.programme
    if programme is not None and not may_publish_into(by, programme):
        raise NotAllowed(_("Only the programme's coordinators may add groups to it."))
    organisation = programme.organisation if programme is not None else run.organisation
    partners = list(programme.partners.all()) if programme is not None else []
    rows = {row["id"]: row for row in run.cohort.get("people", [])}
    users = _users_for(run)
    rules = rules_of(run)
    made = []
    told: set[User] = set()
    for figures in board.groups:
        members = [rows[pid] for pid in figures.members]
        group = LearningGroup.objects.create(
            name=_("%(name)s: group %(number)s") % {"name": run.name, "number": figures.number},
            purpose=_("Formed from a cohort around: %(interests)s.")
            % {
                "interests": ", ".join(k for k, _c in figures.shared_interests[:3])
                or _("a common time to meet")
            },
            organisation=organisation,
            language=organisation.default_language,
            kind=GroupKind.PLG,
            status=Status.DRAFT,
            scope=Scope.EXTERNAL if partners or len(figures.schools) > 1 else Scope.INTERNAL,
            meeting_minutes=rules.meeting_minutes,
            year_levels=_common([m.get("year_levels", []) for m in members], YEAR_LEVEL_LABELS),
            learning_areas=_common([m.get("subjects", []) for m in members], SUBJECT_LABELS),
            created_by=by,
        )
        if partners:
            group.partners.set(partners)
        activity.record(actor=by, action=GroupActivity.CREATED, group=group, target=group.name)
        leads = [users[pid] for pid in figures.facilitators if pid in users] or [by]
        GroupMembership.objects.bulk_create(
            GroupMembership(group=group, user=user, role=GroupRole.FACILITATOR) for user in leads
        )
        told.update(leads)
        emails = []
        for pid in figures.members:
            if pid in users:
                if users[pid] not in leads:
                    emails.append(users[pid].email)
            elif "@" in pid:
                emails.append(pid)
        group_services.group_invite(group=group, by=by, emails=emails)
        if programme is not None:
            programme.groups.add(group)
        made.append(group)
    run.groups.add(*made)
    run.published_at = timezone.now()
    run.published_by = by
    run.save(update_fields=["published_at", "published_by", "updated_at"])
    activity.record(
        actor=by,
        action=FormationActivity.PUBLISHED,
        organisation=run.organisation,
        target=run.name,
        changes={
            "groups": activity.change(_("Groups"), "", [group.name for group in made]),
        },
    )
    url = reverse("groups:mine")
    title = _("%(name)s: your group is ready to set up") % {"name": run.name}
    recipients = list(told)
    transaction.on_commit(
        lambda: notify(users=recipients, category=Category.INVITATIONS, title=title, url=url)
    )
    return made


def not_invited(run: FormationRun) -> list[str]:
    """The names of the cohort's people whom publishing cannot invite: no account and
    no address."""
    users = _users_for(run)
    return [
        row.get("name") or row["id"]
        for row in run.cohort.get("people", [])
        if row["id"] not in users and "@" not in row["id"]
    ]
