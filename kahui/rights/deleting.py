"""Deleting an account (see docs/DATA-RIGHTS.md).

The person's private data is removed; the user row stays, anonymised, so that what
they shared with their groups and chose to keep reads as by “Former member”, and
everything else (their name, email addresses, profile, picture, journal, portfolio,
goals, feedback, notifications, tokens, sessions) is gone. What they shared can be
removed instead: posts, resources, evidence and kick-off answers."""

import logging
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Count, Q
from django.tasks import task
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kahui.core import activity, search
from kahui.core.models import ActivityEntry, SearchDocument
from kahui.groups.activity import GroupActivity
from kahui.groups.models import GroupMembership, GroupRole, Status
from kahui.orgs.models import Organisation, OrgMembership, OrgRole
from kahui.rights.activity import RightsActivity
from kahui.rights.files import delete_after_commit, files_deleted_with
from kahui.rights.mentions import forget_member

log = logging.getLogger(__name__)

FORMER_MEMBER = gettext_lazy("Former member")
CONFIRM_PHRASE = gettext_lazy("delete my account")

# Rows that are the person's own and go with the account, by "app.Model": the field
# naming them.
PRIVATE = {
    "core.SubmissionKey": "user",
    "core.PdfExport": "owner",
    "rights.DataExport": "owner",
    "notifications.Notification": "user",
    "notifications.Preference": "user",
    "notifications.QuietHours": "user",
    "notifications.Dispatch": "user",
    "meetings.CalendarFeed": "user",
    "meetings.MinutesEditor": "user",
    "scheduling.WeeklyAvailability": "user",
    "scheduling.PollAnswer": "user",
    "scheduling.PollResponse": "user",
    "discussions.ThreadRead": "user",
    "discussions.Reaction": "user",
    "people.PersonVector": "user",
    "reflection.PersonalGoal": "user",
    "reflection.JournalEntry": "author",
    "reflection.FeedbackRequest": "asker",
    "reflection.FeedbackAnswer": "colleague",
    "reflection.PortfolioItem": "user",
    "recognition.Kudos": "receiver",
    "recognition.LearningActivity": "user",
    "recognition.Certificate": "user",
    "coaching.CoachingNote": "author",
    "coaching.PairRead": "reader",
    "groups.JoinRequest": "user",
    "groups.GroupSupporter": "user",
    "groups.GroupMembership": "user",
    "orgs.OrgMembership": "user",
    "account.EmailAddress": "user",
    "socialaccount.SocialAccount": "user",
}
# What they shared, removed when they choose so (search kind, or "" when not indexed).
SHARED = {
    "discussions.Post": ("author", "post"),
    "library.Resource": ("added_by", "resource"),
    "inquiry.EvidenceItem": ("added_by", ""),
    "programmes.KickoffAnswer": ("author", ""),
    "recognition.Kudos": ("giver", ""),
    "inquiry.StageComment": ("author", ""),
}


@dataclass(frozen=True)
class Blocker:
    """Why an account cannot be deleted yet, and what to do first."""

    reason: str
    place: str


def blockers(user) -> list[Blocker]:
    """What stops ``user`` deleting their account: being the only facilitator of an
    active group with other members, or the only administrator of an organisation
    with other members."""
    found = []
    groups = (
        GroupMembership.objects.filter(
            user=user, role=GroupRole.FACILITATOR, group__status=Status.ACTIVE
        )
        .select_related("group")
        .annotate(
            facilitators=Count(
                "group__memberships", filter=Q(group__memberships__role=GroupRole.FACILITATOR)
            ),
        )
    )
    for membership in groups:
        if membership.facilitators <= 1:
            found.append(
                Blocker(
                    reason=_(
                        "You are the only facilitator of this active group. Make another "
                        "member a facilitator, or close the group, first."
                    ),
                    place=membership.group.name,
                )
            )
    orgs = (
        OrgMembership.objects.filter(user=user, role=OrgRole.ADMIN)
        .select_related("organisation")
        .annotate(
            admins=Count(
                "organisation__memberships",
                filter=Q(organisation__memberships__role=OrgRole.ADMIN),
            ),
            members=Count("organisation__memberships"),
        )
    )
    for membership in orgs:
        if membership.admins <= 1 and membership.members > 1:
            found.append(
                Blocker(
                    reason=_(
                        "You are the only administrator of this organisation. Make another "
                        "member an administrator first."
                    ),
                    place=membership.organisation.name,
                )
            )
    return found


def _model(label: str):
    app_label, name = label.split(".")
    try:
        return apps.get_model(app_label, name)
    except LookupError:  # an app that is not installed (social accounts)
        return None


def _delete_rows(model, rows) -> None:
    rows = list(rows)
    # Their files go from storage once the deletion is committed, unless a copy in
    # another group still uses them.
    delete_after_commit(files_deleted_with(rows))
    for obj in rows:
        obj.delete()


def _end_sessions(user) -> None:
    # Through the configured store, so a copy in the shared cache goes too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()


@transaction.atomic
def account_delete(*, user, keep_shared: bool) -> None:
    """Remove ``user``'s private data and anonymise them; their shared contributions
    stay under “Former member” when ``keep_shared``, else they are removed too."""
    user = (
        get_user_model()
        .objects.select_for_update(of=("self",))
        .select_related("profile")
        .get(pk=user.pk)
    )
    old_names = {user.email}
    profile = getattr(user, "profile", None)
    if profile is not None and profile.display_name:
        old_names.add(profile.display_name)
    organisations = list(
        OrgMembership.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    groups = list(GroupMembership.objects.filter(user=user).select_related("group__organisation"))
    # Mentions of them in their groups' texts, while they are still members.
    forget_member(
        user=user,
        name=profile.display_name if profile is not None else "",
        email=user.email,
        former_text=FORMER_MEMBER,
    )
    if not keep_shared:
        for label, (field, kind) in SHARED.items():
            model = _model(label)
            if model is None:
                continue
            rows = list(model._default_manager.filter(**{field: user}))
            if kind:
                for obj in rows:
                    search.unindex(kind=kind, object_id=obj.pk)
            _delete_rows(model, rows)
        threads = apps.get_model("discussions", "Thread")
        for thread in threads.objects.filter(started_by=user).annotate(n=Count("posts")):
            if thread.n == 0:
                thread.delete()
    for label, field in PRIVATE.items():
        model = _model(label)
        if model is not None:
            _delete_rows(model, model._default_manager.filter(**{field: user}))
    search.unindex(kind="person", object_id=user.pk)
    former = str(FORMER_MEMBER)
    if profile is not None:
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.display_name = former
        profile.bio = ""
        profile.subjects = []
        profile.year_levels = []
        profile.organisation = None
        profile.findable = False
        profile.avatar = ""
        profile.save()
        profile.interests.clear()
    user.email = f"former-{user.public_id.hex}@former-member.invalid"
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.save()
    # The log keeps what happened, never who the person was.
    ActivityEntry.objects.filter(target__in=old_names).update(target=former)
    named = SearchDocument.objects.filter(title__in=old_names).values_list("kind", "object_id")
    for kind, object_id in list(named):
        search.unindex(kind=kind, object_id=object_id)
    _end_sessions(user)
    # A new entry in each of their groups' logs: the groups' cached pages are made again.
    for membership in groups:
        activity.record(actor=user, action=GroupActivity.MEMBER_LEFT, group=membership.group)
    for organisation_id in organisations:
        activity.record(
            actor=None,
            action=RightsActivity.ACCOUNT_DELETED,
            organisation=Organisation(pk=organisation_id),
            ref={"shared": "kept" if keep_shared else "removed"},
        )


@task()
def delete_account(*, user_id: int, keep_shared: bool) -> None:
    """The background job behind the deletion page."""
    from_db = get_user_model().objects.filter(pk=user_id).first()
    if from_db is not None:
        account_delete(user=from_db, keep_shared=keep_shared)
