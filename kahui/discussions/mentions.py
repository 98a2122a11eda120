"""@mentions as readers see them: the members a writer may mention (the autocomplete
of the reply, thread and edit boxes) and mentions marked in a rendered post. Which
members a post mentions, to tell them, is :func:`kahui.discussions.services.mentioned_members`;
both read names the same way."""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kahui.accounts.models import User
from kahui.discussions.services import MENTION, POSSESSIVE, _handle
from kahui.groups.models import LearningGroup

SUGGESTIONS = 8


def mention_for(user: User) -> str:
    """What to type to mention ``user``: “@” and their name without spaces or signs
    the mention parser does not take (Seán O'Brien → @SeánO'Brien)."""
    name = re.sub(r"[^\w.'’\-]", "", user.display_name)
    name = re.sub(r"^[\W_]+|[\W_]+$", "", name)
    return "@" + (name or re.sub(r"[^\w.]", "", user.email.split("@")[0]))


def group_people(group: LearningGroup) -> list[User]:
    """The group's members, with their profiles, by name (one query)."""
    people = [
        m.user
        for m in group.memberships.select_related("user__profile").filter(user__is_active=True)
    ]
    return sorted(people, key=lambda u: u.display_name.casefold())


def suggestions(people: list[User], typed: str, *, leave_out: User | None = None) -> list[User]:
    """The members whose name (or email name) starts with ``typed``, or has a word that
    does, first those whose whole name starts with it; accents, macrons, apostrophes
    and letter case do not matter."""
    wanted = _handle(typed)
    starts, words = [], []
    for user in people:
        if leave_out is not None and user.pk == leave_out.pk:
            continue
        if not wanted or _handle(user.display_name).startswith(wanted):
            starts.append(user)
        elif any(_handle(word).startswith(wanted) for word in user.display_name.split()) or (
            _handle(user.email.split("@")[0]).startswith(wanted)
        ):
            words.append(user)
    return (starts + words)[:SUGGESTIONS]


@dataclass(frozen=True)
class Mentionable:
    """Who each mention handle names in a group."""

    by_handle: dict[str, User]

    @classmethod
    def of(cls, people: list[User]) -> "Mentionable":
        by_handle: dict[str, User] = {}
        firsts: dict[str, list[User]] = {}
        for user in people:
            words = user.display_name.split()
            if words:
                firsts.setdefault(_handle(words[0]), []).append(user)
        for first, users in firsts.items():
            if len(users) == 1 and first:
                by_handle[first] = users[0]
        for user in people:
            by_handle[_handle(user.email.split("@")[0])] = user
            by_handle[_handle(user.display_name)] = user
        by_handle.pop("", None)
        return cls(by_handle)

    def who(self, name: str) -> tuple[User | None, str]:
        """The member a mention's ``name`` names, and the part of it that is their name
        (“SeánO'Brien's” names Seán O'Brien by “SeánO'Brien”)."""
        user = self.by_handle.get(_handle(name))
        if user is None and POSSESSIVE.search(name):
            name = POSSESSIVE.sub("", name)
            user = self.by_handle.get(_handle(name))
        return user, name


# Tags whose text stays as it is: a link already links, code is meant literally.
_KEEP = {"a", "code", "pre"}
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


def highlight(html: str, mentionable: Mentionable) -> SafeString:
    """``html`` (a post rendered and sanitised) with each mention of a member marked
    and linked to their profile: everyone who reads a group's thread shares that group
    with its members, so may see their profiles."""
    if "@" not in html:
        return mark_safe(html)  # already sanitised
    parts = _TAG.split(html)
    inside = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            tag = _TAG_NAME.match(part)
            if tag and tag.group(2).lower() in _KEEP and not part.endswith("/>"):
                inside += -1 if tag.group(1) else 1
                inside = max(inside, 0)
            continue
        if inside or "@" not in part:
            continue
        parts[index] = MENTION.sub(lambda match: _mark(match, mentionable), part)
    return mark_safe("".join(parts))  # only the sanitised text and our own links


def _mark(match: re.Match[str], mentionable: Mentionable) -> str:
    user, name = mentionable.who(match.group(1))
    if user is None:
        return match.group(0)
    rest = match.group(1)[len(name) :]
    url = reverse("people:person", args=[user.public_id])
    # ``name`` comes from text that is already escaped HTML: it is not escaped again.
    return (
        f'<a class="mention" href="{escape(url)}" title="{escape(user.display_name)}">'
        f"@{name}</a>{rest}"
    )
