"""A deleted member's @mentions in their groups' texts (see docs/DATA-RIGHTS.md).

Mentions are stored as typed: “@HemiWalker”, “@hemi.walker” (the email name) or
“@Hemi” (a first name only one member has), and linked to the member when a post is
shown (:mod:`kahui.discussions.mentions`). When a member deletes their account, each
mention of them in the texts of the groups they belonged to (posts and their earlier
versions, minutes, materials, decisions, evidence, resources, comments, …, whoever
wrote them) becomes “Former member”, in the group's language, and the search index is
brought up to date, so their name is found nowhere there.

Which texts: every text and longer character field of every model with a key to a
group (directly or through up to three keys), found from the models, so an app added
later is covered without a change."""

from collections import deque
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import translation

from kahui.core import search
from kahui.core.models import SearchDocument
from kahui.discussions.services import MENTION, POSSESSIVE, _handle
from kahui.groups.models import GroupMembership, LearningGroup

# Character fields this long or longer may hold a mention (titles, decisions, actions).
MIN_CHARS = 200
# The search index is rewritten from its own rows (below), not as a model's text.
SKIPPED = {"core.SearchDocument"}
_NOT_TEXT = (models.URLField, models.EmailField, models.SlugField)


def _group_path(model: type[models.Model]) -> str | None:
    """The shortest chain of keys from ``model`` to its group, as a lookup."""
    if model is LearningGroup:
        return "pk"
    queue: deque[tuple[type[models.Model], str, int]] = deque([(model, "", 0)])
    seen = {model}
    while queue:
        current, prefix, depth = queue.popleft()
        for field in current._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            related = field.related_model
            if related is LearningGroup:
                return f"{prefix}{field.name}"
            if depth < 2 and related not in seen:
                seen.add(related)
                queue.append((related, f"{prefix}{field.name}__", depth + 1))
    return None


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField)
        or (
            isinstance(field, models.CharField)
            and not isinstance(field, _NOT_TEXT)
            and not field.choices
            and (field.max_length or 0) >= MIN_CHARS
        )
    ]


@cache
def texts() -> tuple[tuple[type[models.Model], str, tuple[str, ...]], ...]:
    """Each model with texts in groups: the model, its path to the group, its fields."""
    found = []
    for model in apps.get_models():
        if model._meta.label in SKIPPED:
            continue
        fields = _text_fields(model)
        path = _group_path(model) if fields else None
        if path:
            found.append((model, path, tuple(fields)))
    return tuple(found)


def _first(name: str) -> str:
    words = name.split()
    return _handle(words[0]) if words else ""


def _names(name: str, email: str) -> set[str]:
    return {_handle(name), _handle(email.split("@")[0])}


def handles(*, name: str, email: str, others: list[tuple[str, str]]) -> set[str]:
    """The handles that name the person called ``name`` at ``email`` in a group whose
    other members are ``others`` (name, email): their name, their email name and
    their first name when no other member has it, less any another member answers to."""
    mine = _names(name, email)
    first = _first(name)
    if first and all(_first(other) != first for other, _email in others):
        mine.add(first)
    for other, other_email in others:
        mine -= _names(other, other_email)
    mine.discard("")
    return mine


def rewrite(text: str, names: set[str], former: str) -> str:
    """``text`` with each @mention of ``names`` replaced by ``former``."""
    if "@" not in text:
        return text

    def one(match) -> str:
        typed = match.group(1)
        if _handle(typed) in names:
            return former
        if POSSESSIVE.search(typed):
            bare = POSSESSIVE.sub("", typed)
            if _handle(bare) in names:
                return former + typed[len(bare) :]
        return match.group(0)

    return MENTION.sub(one, text)


def forget_mentions(*, group: LearningGroup, names: set[str], former: str) -> int:
    """Rewrite the mentions of ``names`` in ``group``'s texts and search documents.
    Returns how many rows changed."""
    if not names:
        return 0
    changed = 0
    for model, path, fields in texts():
        with_at = Q()
        for field in fields:
            with_at |= Q(**{f"{field}__contains": "@"})
        rows = model._base_manager.filter(with_at, **{path: group.pk}).values("pk", *fields)
        for row in rows.iterator():
            new = {f: rewrite(row[f], names, former) for f in fields if row[f]}
            new = {f: text for f, text in new.items() if text != row[f]}
            if new:
                # As it is: the text was not edited by anyone, so no new version or date.
                model._base_manager.filter(pk=row["pk"]).update(**new)
                changed += 1
    documents = SearchDocument.objects.filter(
        Q(title__contains="@") | Q(body__contains="@"), group=group
    )
    fresh = []
    for document in documents:
        title = rewrite(document.title, names, former)
        body = rewrite(document.body, names, former)
        if (title, body) != (document.title, document.body):
            fresh.append(
                search.Document(
                    kind=document.kind,
                    object_id=document.object_id,
                    title=title,
                    body=body,
                    url=document.url,
                    group_id=document.group_id,
                    organisation_id=document.organisation_id,
                    public=document.public,
                    dated=document.dated,
                    markdown=False,
                )
            )
    search.index_many(fresh)
    return changed


def forget_member(*, user, name: str, email: str, former_text) -> None:
    """Rewrite the mentions of ``user`` (called ``name`` at ``email``) in each group
    they belong to, ``former_text`` (lazy) in each group's language."""
    for membership in GroupMembership.objects.filter(user=user).select_related("group"):
        group = membership.group
        others = [
            (m.user.display_name, m.user.email)
            for m in group.memberships.exclude(user=user).select_related("user__profile")
        ]
        with translation.override(group.language):
            former = str(former_text)
        forget_mentions(
            group=group, names=handles(name=name, email=email, others=others), former=former
        )
