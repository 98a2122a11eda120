"""Writing reflection: personal goals and their notes, journal entries and their
sharing, invitations to reflect, peer feedback, and the portfolio's choices.

Each service checks its own rules again (views check access at the door). A journal
entry is indexed for search only while it is shared with its group, and only for that
group; nothing private is indexed, logged or emailed."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity, search
from kahui.core.errors import KahuiError, NotAllowed
from kahui.groups.access import is_facilitator, is_member
from kahui.groups.models import Goal, GroupMembership, LearningGroup
from kahui.inquiry.models import InquiryCycle
from kahui.meetings.models import Meeting
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.orgs.models import LearningObjective
from kahui.reflection import selectors
from kahui.reflection.activity import ReflectionActivity
from kahui.reflection.models import (
    AnswerStatus,
    FeedbackAnswer,
    FeedbackRequest,
    GoalNote,
    ItemKind,
    JournalEntry,
    PersonalGoal,
    PortfolioItem,
    ReflectionAsk,
    Sharing,
)

SEARCH_KIND = "reflection"


def _check_member(user, group: LearningGroup) -> None:
    if not is_member(user, group):
        raise NotAllowed(_("Only members of the group can do this."))


# ---------------------------------------------------------------------------
# Personal goals
# ---------------------------------------------------------------------------


def _check_group_goal(group: LearningGroup, group_goal: Goal | None) -> None:
    if group_goal is not None and group_goal.group_id != group.pk:
        raise KahuiError(_("Choose one of this group's goals."))


def _check_objective(group: LearningGroup, objective: LearningObjective | None) -> None:
    allowed = selectors.objectives_for(group)
    if objective is not None and not allowed.filter(pk=objective.pk).exists():
        raise KahuiError(_("Choose one of the objectives of the group's organisation."))


@transaction.atomic
def personal_goal_add(
    *,
    user,
    group: LearningGroup,
    text: str,
    group_goal: Goal | None = None,
    objective: LearningObjective | None = None,
) -> PersonalGoal:
    """A member sets a goal of their own within the group's focus (serving one of the
    group's goals, or an objective of its organisation, if they like)."""
    _check_member(user, group)
    _check_group_goal(group, group_goal)
    _check_objective(group, objective)
    return PersonalGoal.objects.create(
        user=user, group=group, text=text.strip(), group_goal=group_goal, objective=objective
    )


@transaction.atomic
def personal_goal_update(
    *,
    goal: PersonalGoal,
    by,
    text: str,
    group_goal: Goal | None,
    reached_on: date | None,
    objective: LearningObjective | None = None,
) -> PersonalGoal:
    if goal.user_id != by.pk:
        raise NotAllowed(_("Only its owner changes a personal goal."))
    _check_group_goal(goal.group, group_goal)
    _check_objective(goal.group, objective)
    goal.text, goal.group_goal, goal.reached_on = text.strip(), group_goal, reached_on
    goal.objective = objective
    goal.save(update_fields=["text", "group_goal", "objective", "reached_on", "updated_at"])
    return goal


@transaction.atomic
def goal_note_add(
    *, goal: PersonalGoal, by, kind: str, noted_on: date, text: str, link: str = ""
) -> GoalNote:
    """A dated note of progress or a piece of evidence against one's own goal."""
    if goal.user_id != by.pk:
        raise NotAllowed(_("Only its owner adds notes to a personal goal."))
    return GoalNote.objects.create(
        goal=goal, kind=kind, noted_on=noted_on, text=text.strip(), link=link
    )


# ---------------------------------------------------------------------------
# The journal
# ---------------------------------------------------------------------------


def _check_links(
    *,
    author,
    group: LearningGroup,
    meeting: Meeting | None,
    cycle: InquiryCycle | None,
    stage: str,
    goal: PersonalGoal | None,
) -> None:
    if meeting is not None and meeting.group_id != group.pk:
        raise KahuiError(_("Choose a meeting of this group."))
    if cycle is not None:
        if cycle.group_id != group.pk:
            raise KahuiError(_("Choose an inquiry round of this group."))
        if stage and stage not in cycle.inquiry_model.stage_keys:
            raise KahuiError(_("Choose a stage of this inquiry round."))
    elif stage:
        raise KahuiError(_("Choose the inquiry round the stage belongs to."))
    if goal is not None and (goal.user_id != author.pk or goal.group_id != group.pk):
        raise KahuiError(_("Choose one of your own goals in this group."))


def _entry_url(entry: JournalEntry) -> str:
    return reverse("reflection:entry", args=[entry.public_id])


def entries_reindex() -> int:
    """Every entry shared with its group in the search index again (``kahui
    reindex-search``)."""
    entries = JournalEntry.objects.filter(sharing=Sharing.GROUP).order_by("pk")
    return search.index_many(_search_document(e) for e in entries.iterator(chunk_size=2000))


def _search_document(entry: JournalEntry) -> search.Document:
    return search.Document(
        kind=SEARCH_KIND,
        object_id=entry.pk,
        title=entry.title,
        body=entry.body,
        url=_entry_url(entry),
        group_id=entry.group_id,
        dated=entry.created_at,
    )


def _reindex(entry: JournalEntry) -> None:
    """The search index holds an entry while, and only while, its group may read it."""
    if entry.sharing == Sharing.GROUP:
        search.index_many([_search_document(entry)])
    else:
        search.unindex(kind=SEARCH_KIND, object_id=entry.pk)


@transaction.atomic
def entry_write(
    *,
    author,
    group: LearningGroup,
    prompt: str,
    title: str,
    body: str,
    meeting: Meeting | None = None,
    cycle: InquiryCycle | None = None,
    stage: str = "",
    goal: PersonalGoal | None = None,
) -> JournalEntry:
    """A new journal entry, private to its author. Nothing is logged or indexed."""
    _check_member(author, group)
    _check_links(author=author, group=group, meeting=meeting, cycle=cycle, stage=stage, goal=goal)
    return JournalEntry.objects.create(
        author=author,
        group=group,
        prompt=prompt,
        title=title.strip(),
        body=body.strip(),
        meeting=meeting,
        cycle=cycle,
        stage=stage,
        goal=goal,
    )


@transaction.atomic
def entry_update(
    *,
    entry: JournalEntry,
    by,
    prompt: str,
    title: str,
    body: str,
    meeting: Meeting | None = None,
    cycle: InquiryCycle | None = None,
    stage: str = "",
    goal: PersonalGoal | None = None,
) -> JournalEntry:
    """Change an entry. While it is shared with the group the change is recorded (but
    not what it says) and the index follows."""
    if entry.author_id != by.pk:
        raise NotAllowed(_("Only its author changes a journal entry."))
    _check_links(author=by, group=entry.group, meeting=meeting, cycle=cycle, stage=stage, goal=goal)
    entry.prompt, entry.title, entry.body = prompt, title.strip(), body.strip()
    entry.meeting, entry.cycle, entry.stage, entry.goal = meeting, cycle, stage, goal
    entry.save()
    if entry.sharing == Sharing.GROUP:
        activity.record(actor=by, action=ReflectionActivity.ENTRY_CHANGED, group=entry.group)
        _reindex(entry)
    return entry


@transaction.atomic
def entry_share(*, entry: JournalEntry, by, sharing: str) -> JournalEntry:
    """Share one entry with the group or its facilitators, or make it private again."""
    if entry.author_id != by.pk:
        raise NotAllowed(_("Only its author shares a journal entry."))
    if sharing not in Sharing.values:
        raise KahuiError(_("Choose who may read it."))
    before = entry.sharing
    if sharing == before:
        return entry
    if sharing != Sharing.PRIVATE:
        _check_member(by, entry.group)
    entry.sharing = sharing
    entry.shared_at = None if sharing == Sharing.PRIVATE else timezone.now()
    entry.save(update_fields=["sharing", "shared_at", "updated_at"])
    if sharing == Sharing.GROUP:
        activity.record(actor=by, action=ReflectionActivity.ENTRY_SHARED, group=entry.group)
    elif sharing == Sharing.FACILITATORS:
        activity.record(actor=by, action=ReflectionActivity.ENTRY_SHARED_FACILITATORS)
    if before == Sharing.GROUP:
        activity.record(actor=by, action=ReflectionActivity.ENTRY_UNSHARED, group=entry.group)
    elif before == Sharing.FACILITATORS:
        activity.record(actor=by, action=ReflectionActivity.ENTRY_UNSHARED)
    _reindex(entry)
    return entry


@transaction.atomic
def entry_remove(*, entry: JournalEntry, by) -> None:
    if entry.author_id != by.pk:
        raise NotAllowed(_("Only its author removes a journal entry."))
    if entry.sharing == Sharing.GROUP:
        activity.record(actor=by, action=ReflectionActivity.ENTRY_UNSHARED, group=entry.group)
    search.unindex(kind=SEARCH_KIND, object_id=entry.pk)
    PortfolioItem.objects.filter(user=by, kind=ItemKind.ENTRY, object_id=entry.pk).delete()
    entry.delete()


@transaction.atomic
def reflection_ask(*, meeting: Meeting, by) -> ReflectionAsk:
    """A facilitator invites the group's members to reflect on a meeting: a gentle
    notification (each person's preferences decide on email), never a task. Once per
    meeting."""
    group = meeting.group
    if not is_facilitator(by, group):
        raise NotAllowed(_("Only a facilitator invites the group to reflect."))
    if meeting.starts_at > timezone.now():
        raise KahuiError(_("Invite reflections once the meeting has taken place."))
    try:
        with transaction.atomic():
            ask = ReflectionAsk.objects.create(meeting=meeting, asked_by=by)
    except IntegrityError:
        raise KahuiError(_("The group was already invited to reflect on this meeting.")) from None
    activity.record(
        actor=by, action=ReflectionActivity.REFLECTION_ASKED, group=group, target=meeting.title
    )
    members = [
        membership.user
        for membership in GroupMembership.objects.filter(group=group)
        .exclude(user=by)
        .select_related("user__profile")
    ]
    url = reverse("reflection:entry_new") + f"?group={group.public_id}&meeting={meeting.public_id}"
    notify(
        users=members,
        category=Category.REFLECTION,
        title=_("%(who)s invites you to reflect on “%(meeting)s”, if you would like to")
        % {"who": by.display_name, "meeting": meeting.title},
        url=url,
        group=group,
        email_template="reflection_ask",
        context={"who": by.display_name, "meeting": meeting, "group": group, "entry_url": url},
        key=f"reflection-ask:{meeting.public_id}",
    )
    return ask


# ---------------------------------------------------------------------------
# Peer feedback
# ---------------------------------------------------------------------------


def _request_url(request: FeedbackRequest) -> str:
    return reverse("reflection:feedback_request", args=[request.public_id])


@transaction.atomic
def feedback_ask(
    *,
    asker,
    group: LearningGroup,
    about: str,
    title: str,
    text: str,
    link: str = "",
    colleagues: Iterable[Any],
) -> FeedbackRequest:
    """Ask named colleagues of the same group for feedback on one thing. Each is told;
    only the asker will read the answers."""
    _check_member(asker, group)
    colleagues = [person for person in colleagues if person.pk != asker.pk]
    if not colleagues:
        raise KahuiError(_("Choose at least one colleague to ask."))
    ids = {person.pk for person in colleagues}
    in_group = set(
        GroupMembership.objects.filter(group=group, user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    if in_group != ids:
        raise KahuiError(_("You can ask only members of this group."))
    request = FeedbackRequest.objects.create(
        asker=asker, group=group, about=about, title=title.strip(), text=text.strip(), link=link
    )
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(request=request, colleague=person) for person in colleagues
    )
    activity.record(actor=asker, action=ReflectionActivity.FEEDBACK_ASKED)
    url = _request_url(request)
    notify(
        users=colleagues,
        category=Category.REFLECTION,
        title=_("%(who)s asks for your feedback: %(title)s")
        % {"who": asker.display_name, "title": request.title},
        url=url,
        email_template="feedback_asked",
        context={"who": asker.display_name, "request": request, "request_url": url},
        key=f"feedback-ask:{request.public_id}",
    )
    return request


def _check_open(answer: FeedbackAnswer, by) -> None:
    if answer.colleague_id != by.pk:
        raise NotAllowed(_("Only the colleague who was asked answers."))
    if answer.status != AnswerStatus.WAITING:
        raise KahuiError(_("You have already answered this request."))


@transaction.atomic
def feedback_answer(
    *, answer: FeedbackAnswer, by, worked: str, question: str, suggestion: str
) -> FeedbackAnswer:
    """Answer in three parts: what worked, a question, a suggestion."""
    answer = FeedbackAnswer.objects.select_for_update().get(pk=answer.pk)
    _check_open(answer, by)
    parts = [part.strip() for part in (worked, question, suggestion)]
    if not any(parts):
        raise KahuiError(_("Write at least one part of your feedback."))
    answer.worked, answer.question, answer.suggestion = parts
    answer.status, answer.answered_at = AnswerStatus.ANSWERED, timezone.now()
    answer.save()
    activity.record(actor=by, action=ReflectionActivity.FEEDBACK_ANSWERED)
    request = answer.request
    url = _request_url(request)
    notify(
        users=[request.asker],
        category=Category.REFLECTION,
        title=_("%(who)s gave you feedback on %(title)s")
        % {"who": by.display_name, "title": request.title},
        url=url,
        email_template="feedback_answered",
        context={"who": by.display_name, "request": request, "request_url": url},
        key=f"feedback-answer:{answer.public_id}",
    )
    return answer


@transaction.atomic
def feedback_decline(*, answer: FeedbackAnswer, by) -> FeedbackAnswer:
    """The colleague asked says no, without a reason; the asker is told in the bell."""
    answer = FeedbackAnswer.objects.select_for_update().get(pk=answer.pk)
    _check_open(answer, by)
    answer.status, answer.answered_at = AnswerStatus.DECLINED, timezone.now()
    answer.save(update_fields=["status", "answered_at", "updated_at"])
    activity.record(actor=by, action=ReflectionActivity.FEEDBACK_DECLINED)
    request = answer.request
    notify(
        users=[request.asker],
        category=Category.REFLECTION,
        title=_("%(who)s cannot give feedback on %(title)s this time")
        % {"who": by.display_name, "title": request.title},
        url=_request_url(request),
    )
    return answer


# ---------------------------------------------------------------------------
# The portfolio
# ---------------------------------------------------------------------------


@transaction.atomic
def portfolio_choose(*, user, chosen: Mapping[tuple[str, int], str]) -> int:
    """Keep exactly ``chosen`` (``(kind, id) -> standard``) in ``user``'s portfolio.
    The caller offers only the person's own things (``selectors.portfolio_candidates``)."""
    kept = {(item.kind, item.object_id): item for item in PortfolioItem.objects.filter(user=user)}
    PortfolioItem.objects.filter(
        pk__in=[item.pk for key, item in kept.items() if key not in chosen]
    ).delete()
    changed = []
    for key, standard in chosen.items():
        item = kept.get(key)
        if item is None:
            PortfolioItem.objects.create(
                user=user, kind=key[0], object_id=key[1], standard=standard
            )
        elif item.standard != standard:
            item.standard = standard
            changed.append(item)
    PortfolioItem.objects.bulk_update(changed, ["standard"])
    return len(chosen)
