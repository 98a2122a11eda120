"""Changes in recognition: kudos, celebrations, logged learning and certificates.

Every function is keyword-only and runs in one transaction; it checks who is acting
(a view checks at its door too, but the demo and the scheduler reach these as well),
records what changed in the activity log and notifies with
:func:`~kahui.notifications.services.notify`, whose emails go after the commit."""

import secrets
from collections.abc import Collection
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.discussions.models import Post
from kahui.groups.models import GroupMembership, GroupRole, LearningGroup
from kahui.library.models import Resource
from kahui.meetings.models import Meeting
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.notifications.timing import zone_of
from kahui.recognition import selectors
from kahui.recognition.activity import RecognitionActivity
from kahui.recognition.models import (
    Celebration,
    Certificate,
    CertificateStatus,
    Kudos,
    LearningActivity,
    LearningKind,
    Milestone,
)

KUDOS_MIN_LENGTH = 3
EARLIEST_YEAR = 2000  # no record goes back further
MAX_MINUTES = 24 * 60  # one logged activity: at most a day

# ---------------------------------------------------------------------------
# Kudos
# ---------------------------------------------------------------------------


def _is_member(group: LearningGroup, user) -> bool:
    return GroupMembership.objects.filter(group=group, user=user).exists()


def _group_kudos_url(group: LearningGroup) -> str:
    return reverse("recognition:group", args=[group.public_id])


@transaction.atomic
def kudos_give(
    *,
    group: LearningGroup,
    by,
    receiver,
    text: str,
    meeting: Meeting | None = None,
    resource: Resource | None = None,
    post: Post | None = None,
) -> Kudos:
    """Thank ``receiver`` for something specific they did in ``group``, optionally at
    a meeting or for a resource or a message of the group. The receiver is notified
    once (the "kudos" category: a weekly digest unless they chose otherwise)."""
    if not _is_member(group, by):
        raise NotAllowed(_("Only members of the group give kudos in it."))
    if receiver.pk == by.pk:
        raise KahuiError(_("Kudos are for someone else: choose another member."))
    if not _is_member(group, receiver):
        raise KahuiError(_("Kudos go to a member of the group."))
    text = " ".join(text.split())
    if len(text) < KUDOS_MIN_LENGTH:
        raise KahuiError(_("Say what they did: a few words are enough."))
    if meeting is not None and meeting.group_id != group.pk:
        raise KahuiError(_("That meeting belongs to another group."))
    if resource is not None and resource.group_id != group.pk:
        raise KahuiError(_("That resource belongs to another group."))
    if post is not None and (post.thread.group_id != group.pk or post.thread.hidden_at):
        raise KahuiError(_("That message is not one the group can see."))
    kudos = Kudos.objects.create(
        group=group,
        giver=by,
        receiver=receiver,
        text=text[:500],
        meeting=meeting,
        resource=resource,
        post=post,
    )
    activity.record(
        actor=by,
        action=RecognitionActivity.KUDOS_GIVEN,
        group=group,
        target=receiver.display_name,
    )
    url = _group_kudos_url(group) + f"#kudos-{kudos.public_id}"
    notify(
        users=[receiver],
        category=Category.KUDOS,
        title=_("%(giver)s gave you kudos in %(group)s: %(text)s")
        % {"giver": by.display_name, "group": group.name, "text": kudos.text},
        url=url,
        group=group,
        email_template="kudos",
        context={"kudos": kudos, "giver": by.display_name, "group": group, "kudos_url": url},
        key=f"kudos:{kudos.public_id}",
    )
    return kudos


@transaction.atomic
def kudos_withdraw(*, kudos: Kudos, by) -> None:
    """The giver takes their kudos back; it goes from every page."""
    if kudos.giver_id != by.pk:
        raise NotAllowed(_("Only the person who gave kudos can withdraw them."))
    activity.record(
        actor=by,
        action=RecognitionActivity.KUDOS_WITHDRAWN,
        group=kudos.group,
        target=kudos.receiver.display_name,
    )
    kudos.delete()


# ---------------------------------------------------------------------------
# Celebrations
# ---------------------------------------------------------------------------

MILESTONE_ACTIVITY = {
    Milestone.FIRST_ROUND: RecognitionActivity.FIRST_ROUND,
    Milestone.GOAL_MET: RecognitionActivity.GOAL_MET,
    Milestone.YEAR_OF_MEETING: RecognitionActivity.YEAR_OF_MEETING,
}


def celebration_title(celebration: Celebration, group: LearningGroup) -> str:
    """The sentence that announces a milestone, in the active language."""
    if celebration.milestone == Milestone.FIRST_ROUND:
        return _("%(group)s completed its first inquiry round. Well done, everyone!") % {
            "group": group.name
        }
    if celebration.milestone == Milestone.GOAL_MET:
        return _("%(group)s met its goal: %(goal)s. Time to celebrate!") % {
            "group": group.name,
            "goal": celebration.detail,
        }
    years = int(celebration.key or 1)
    if years == 1:
        return _("%(group)s has been meeting for a year. Thank you for every hui!") % {
            "group": group.name
        }
    return _("%(group)s has been meeting for %(years)d years. Thank you for every hui!") % {
        "group": group.name,
        "years": years,
    }


@transaction.atomic
def celebrate(
    *, group: LearningGroup, milestone: str, key: str = "", detail: str = ""
) -> Celebration | None:
    """Celebrate a milestone of ``group`` once: a notification to each member and a
    line in the group's activity. ``None`` when it was celebrated before."""
    try:
        with transaction.atomic():
            celebration = Celebration.objects.create(
                group=group, milestone=milestone, key=key[:40], detail=detail[:300]
            )
    except IntegrityError:
        return None
    changes = {}
    if milestone == Milestone.YEAR_OF_MEETING:
        changes = {"years": activity.change(_("Years of meeting"), "", key)}
    activity.record(
        actor=None,
        action=MILESTONE_ACTIVITY[Milestone(milestone)],
        group=group,
        target=detail,
        changes=changes,
    )
    members = [
        m.user for m in GroupMembership.objects.filter(group=group).select_related("user__profile")
    ]
    url = _group_kudos_url(group) + f"#celebration-{celebration.public_id}"
    title = celebration_title(celebration, group)
    notify(
        users=members,
        category=Category.KUDOS,
        title=title,
        url=url,
        group=group,
        email_template="celebration",
        context={"title": title, "group": group, "celebration_url": url},
        key=f"celebration:{celebration.public_id}",
    )
    return celebration


# ---------------------------------------------------------------------------
# Logged professional learning
# ---------------------------------------------------------------------------


def _check_activity(user, *, kind: str, done_on: date, minutes: int, note: str, group) -> str:
    if kind not in LearningKind.values:
        raise KahuiError(_("Choose what kind of learning it was."))
    today = timezone.now().astimezone(zone_of(user)).date()
    if done_on > today:
        raise KahuiError(_("Log learning once it has happened: the date is in the future."))
    if done_on.year < EARLIEST_YEAR:
        raise KahuiError(_("The date is too long ago."))
    if not 1 <= minutes <= MAX_MINUTES:
        raise KahuiError(_("Enter the time it took, at most 24 hours."))
    note = " ".join(note.split())
    if not note:
        raise KahuiError(_("Say what it was: the book, the visit, the course."))
    if group is not None and not _is_member(group, user):
        raise KahuiError(_("Choose one of your own groups."))
    return note


@transaction.atomic
def learning_activity_add(
    *,
    user,
    kind: str,
    done_on: date,
    minutes: int,
    note: str,
    group: LearningGroup | None = None,
) -> LearningActivity:
    """Log professional learning outside the group's meetings (a reading, an
    observation, a course), optionally as part of one of the person's groups."""
    note = _check_activity(
        user, kind=kind, done_on=done_on, minutes=minutes, note=note, group=group
    )
    logged = LearningActivity.objects.create(
        user=user, kind=kind, done_on=done_on, minutes=minutes, note=note[:500], group=group
    )
    activity.record(actor=user, action=RecognitionActivity.ACTIVITY_LOGGED)
    return logged


@transaction.atomic
def learning_activity_update(
    *,
    logged: LearningActivity,
    by,
    kind: str,
    done_on: date,
    minutes: int,
    note: str,
    group: LearningGroup | None = None,
) -> LearningActivity:
    """Change a logged activity. A certificate confirmed before keeps what it stated."""
    if logged.user_id != by.pk:
        raise NotAllowed(_("Only its owner changes a logged activity."))
    note = _check_activity(by, kind=kind, done_on=done_on, minutes=minutes, note=note, group=group)
    logged.kind, logged.done_on, logged.minutes = kind, done_on, minutes
    logged.note, logged.group = note[:500], group
    logged.save()
    activity.record(actor=by, action=RecognitionActivity.ACTIVITY_CHANGED)
    return logged


@transaction.atomic
def learning_activity_remove(*, logged: LearningActivity, by) -> None:
    if logged.user_id != by.pk:
        raise NotAllowed(_("Only its owner removes a logged activity."))
    logged.delete()
    activity.record(actor=by, action=RecognitionActivity.ACTIVITY_REMOVED)


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4


def new_code() -> str:
    """A verification code such as ``7KQ2-M9XD-T4RP``: 60 random bits."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalise_code(typed: str) -> str:
    """A typed code in its stored form: case, spaces and dashes do not matter, and
    letters that look like digits are read as those digits."""
    plain = "".join(ch for ch in typed.upper() if ch.isalnum())
    plain = plain.translate(str.maketrans("OIL", "011"))
    if len(plain) != CODE_GROUPS * CODE_GROUP_LENGTH or any(
        ch not in CODE_ALPHABET for ch in plain
    ):
        return ""
    return "-".join(
        plain[i : i + CODE_GROUP_LENGTH] for i in range(0, len(plain), CODE_GROUP_LENGTH)
    )


def _facilitators(group: LearningGroup, *, besides) -> list[Any]:
    return [
        m.user
        for m in GroupMembership.objects.filter(group=group, role=GroupRole.FACILITATOR)
        .exclude(user=besides)
        .select_related("user__profile")
    ]


def _certificate_url(certificate: Certificate) -> str:
    return reverse("recognition:certificate", args=[certificate.public_id])


@transaction.atomic
def certificate_request(*, user, group: LearningGroup, year: int, message: str = "") -> Certificate:
    """Ask the group's facilitators to confirm ``user``'s hours with the group in
    ``year``: the meetings attended and the activities logged as part of the group."""
    if not _is_member(group, user):
        raise NotAllowed(_("Ask a group you belong to."))
    if not EARLIEST_YEAR <= year <= selectors.this_year(user):
        raise KahuiError(_("Choose this year or an earlier one."))
    facilitators = _facilitators(group, besides=user)
    if not facilitators:
        raise KahuiError(
            _("The group has no other facilitator to confirm it. Ask one to join, then ask again.")
        )
    if selectors.learning_hours(user, year=year, group=group).minutes == 0:
        raise KahuiError(
            _("There are no hours with %(group)s in %(year)s to confirm yet.")
            % {"group": group.name, "year": year}
        )
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user, group=group, year=year, message=" ".join(message.split())[:500]
            )
    except IntegrityError:
        raise KahuiError(
            _("You have already asked for a certificate from %(group)s for %(year)s.")
            % {"group": group.name, "year": year}
        ) from None
    activity.record(actor=user, action=RecognitionActivity.CERTIFICATE_REQUESTED)
    url = _certificate_url(certificate)
    notify(
        users=facilitators,
        category=Category.KUDOS,
        title=_("%(name)s asks you to confirm their professional-learning hours for %(year)s")
        % {"name": user.display_name, "year": year},
        url=url,
        group=group,
        email_template="certificate_requested",
        context={"name": user.display_name, "year": year, "group": group, "url": url},
        key=f"certificate-requested:{certificate.public_id}",
    )
    return certificate


def _lock(certificate: Certificate) -> Certificate:
    return (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("user__profile", "group")
        .get(pk=certificate.pk)
    )


def _check_decider(certificate: Certificate, by) -> None:
    if certificate.user_id == by.pk:
        raise NotAllowed(_("Another facilitator of the group confirms your own hours."))
    if not GroupMembership.objects.filter(
        group_id=certificate.group_id, user=by, role=GroupRole.FACILITATOR
    ).exists():
        raise NotAllowed(_("Only a facilitator of the group confirms its certificates."))
    if certificate.status != CertificateStatus.REQUESTED:
        raise KahuiError(_("This request has been answered already."))


@transaction.atomic
def certificate_confirm(
    *, certificate: Certificate, by, activity_ids: Collection[int]
) -> Certificate:
    """Confirm a request: the certificate states, from now on, the holder's name, the
    group, the period (the year, up to today while it is still running), the meetings
    attended and their hours, and the logged activities the facilitator confirms (of
    those ``activity_ids`` that are the holder's, with this group, in the year)."""
    certificate = _lock(certificate)
    _check_decider(certificate, by)
    holder, group, year = certificate.user, certificate.group, certificate.year
    today = timezone.now().astimezone(zone_of(holder)).date()
    marks = list(
        selectors.attended_in(holder, year=year, group=group).values_list(
            "minutes_attended", flat=True
        )
    )
    chosen = set(activity_ids)
    confirmed = [
        logged
        for logged in selectors.activities_in(holder, year=year, group=group).order_by(
            "done_on", "id"
        )
        if logged.pk in chosen
    ]
    if not marks and not confirmed:
        raise KahuiError(_("There are no hours to confirm: decline the request instead."))
    certificate.status = CertificateStatus.CONFIRMED
    certificate.decided_by = by
    certificate.decided_at = timezone.now()
    certificate.holder_name = holder.display_name[:150]
    certificate.group_name = group.name[:120]
    certificate.issuer_name = by.display_name[:150]
    certificate.period_start = date(year, 1, 1)
    certificate.period_end = min(date(year, 12, 31), today)
    certificate.meetings = len(marks)
    certificate.meeting_minutes = sum(marks)
    certificate.activity_minutes = sum(logged.minutes for logged in confirmed)
    certificate.activities = [
        {
            "date": logged.done_on.isoformat(),
            "kind": logged.kind,
            "minutes": logged.minutes,
            "note": logged.note,
        }
        for logged in confirmed
    ]
    for _attempt in range(5):
        code = new_code()
        if not Certificate.objects.filter(code=code).exists():
            certificate.code = code
            break
    else:  # pragma: no cover - 60 random bits do not collide five times
        raise KahuiError(_("Please try again."))
    certificate.save()
    activity.record(actor=by, action=RecognitionActivity.CERTIFICATE_CONFIRMED)
    url = _certificate_url(certificate)
    notify(
        users=[holder],
        category=Category.KUDOS,
        title=_("%(name)s confirmed your professional-learning hours with %(group)s for %(year)s")
        % {"name": by.display_name, "group": group.name, "year": year},
        url=url,
        group=group,
        email_template="certificate_decided",
        context={"certificate": certificate, "by": by.display_name, "url": url},
        key=f"certificate-decided:{certificate.public_id}",
    )
    return certificate


@transaction.atomic
def certificate_decline(*, certificate: Certificate, by, reply: str) -> Certificate:
    """Decline a request, saying why (the member may ask again)."""
    certificate = _lock(certificate)
    _check_decider(certificate, by)
    reply = " ".join(reply.split())
    if not reply:
        raise KahuiError(_("Say why, so they know what to change before asking again."))
    certificate.status = CertificateStatus.DECLINED
    certificate.decided_by = by
    certificate.decided_at = timezone.now()
    certificate.reply = reply[:500]
    certificate.save(update_fields=["status", "decided_by", "decided_at", "reply", "updated_at"])
    activity.record(actor=by, action=RecognitionActivity.CERTIFICATE_DECLINED)
    url = _certificate_url(certificate)
    notify(
        users=[certificate.user],
        category=Category.KUDOS,
        title=_("%(name)s could not confirm your hours with %(group)s for %(year)s")
        % {"name": by.display_name, "group": certificate.group.name, "year": certificate.year},
        url=url,
        group=certificate.group,
        email_template="certificate_decided",
        context={"certificate": certificate, "by": by.display_name, "url": url},
        key=f"certificate-decided:{certificate.public_id}",
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by) -> Certificate:
    """Its owner withdraws a request, or revokes a certificate; a facilitator of the
    group revokes one confirmed in error. The verification page then says it was
    revoked."""
    certificate = _lock(certificate)
    is_owner = certificate.user_id == by.pk
    facilitates = GroupMembership.objects.filter(
        group_id=certificate.group_id, user=by, role=GroupRole.FACILITATOR
    ).exists()
    if certificate.status == CertificateStatus.REQUESTED:
        if not is_owner:
            raise NotAllowed(_("A facilitator declines a request rather than withdrawing it."))
        certificate.status = CertificateStatus.WITHDRAWN
        action = RecognitionActivity.CERTIFICATE_WITHDRAWN
    elif certificate.status == CertificateStatus.CONFIRMED:
        if not (is_owner or facilitates):
            raise NotAllowed(_("Only its holder or a facilitator of the group revokes it."))
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        action = RecognitionActivity.CERTIFICATE_REVOKED
    else:
        raise KahuiError(_("This certificate is no longer in force."))
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "updated_at"])
    activity.record(actor=by, action=action)
    return certificate
