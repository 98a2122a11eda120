from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from kahui.discussions.models import Post, Reaction, ReactionKind, Thread, ThreadRead
from kahui.groups.models import LearningGroup


def threads_of(
    group: LearningGroup, user, *, kind: str = "", with_hidden: bool = False
) -> QuerySet[Thread]:
    """The group's threads with reply counts and whether ``user`` has unread posts;
    hidden threads too when ``with_hidden`` (for the group's facilitators)."""
    last_read = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("read_at")[:1]
    threads = (
        (group.threads.all() if with_hidden else group.threads.visible())
        .select_related("started_by__profile")
        .annotate(
            post_count=Count("posts", distinct=True),
            read_at=Subquery(last_read),
        )
    )
    if kind:
        threads = threads.filter(kind=kind)
    return threads.annotate(
        unread=~Exists(
            ThreadRead.objects.filter(
                thread=OuterRef("pk"), user=user, read_at__gte=OuterRef("last_activity_at")
            )
        )
    ).order_by("-pinned", "-last_activity_at", "-id")


def unread_count(group: LearningGroup, user) -> int:
    return (
        group.threads.visible()
        .exclude(
            Exists(
                ThreadRead.objects.filter(
                    thread=OuterRef("pk"), user=user, read_at__gte=OuterRef("last_activity_at")
                )
            )
        )
        .count()
    )


POSTS_PER_PAGE = 50


def _posts(thread: Thread) -> QuerySet[Post]:
    return (
        thread.posts.select_related("author__profile")
        .annotate(
            thanks=Count("reactions", filter=Q(reactions__kind="thanks")),
            helpful=Count("reactions", filter=Q(reactions__kind="helpful")),
            celebrate=Count("reactions", filter=Q(reactions__kind="celebrate")),
        )
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class ReactionSummary:
    """One kind of reaction on a post: who gave it (by name, first first) and whether
    the reader is among them."""

    kind: str
    label: str
    names: list[str]
    mine: bool

    @property
    def count(self) -> int:
        return len(self.names)


def _with_my_reactions(posts: list[Post], user) -> list[Post]:
    """``posts`` with the reader's own reactions (``my_reactions``) and every kind's
    reactions with who gave them (``reaction_list``): one query for the page."""
    given = (
        Reaction.objects.filter(post__in=[p.pk for p in posts])
        .select_related("user__profile")
        .order_by("created_at", "id")
    )
    by_post: dict[int, list[Reaction]] = {}
    for reaction in given:
        by_post.setdefault(reaction.post_id, []).append(reaction)
    for post in posts:
        reactions = by_post.get(post.pk, [])
        post.my_reactions = {r.kind for r in reactions if r.user_id == user.pk}
        post.reaction_list = [
            ReactionSummary(
                kind=kind,
                label=str(label),
                names=[r.user.display_name for r in reactions if r.kind == kind],
                mine=kind in post.my_reactions,
            )
            for kind, label in ReactionKind.choices
        ]
        post.reaction_total = len(reactions)
    return posts


def post_with_reactions(post: Post, user) -> Post:
    """One post as a thread's page lists it: with its reaction counts and the reader's
    own reactions."""
    [fresh] = _with_my_reactions(list(_posts(post.thread).filter(pk=post.pk)), user)
    return fresh


def post_page(thread: Thread, user, *, only_by=None, number=None) -> Page[Post]:
    """One page of a thread's posts, oldest first, with the reader's reactions.
    ``only_by``: show just this person's posts (a hidden thread, read by its author);
    ``number`` "last" or a page number (bad ones give the nearest page)."""
    posts = _posts(thread)
    if only_by is not None:
        posts = posts.filter(author=only_by)
    paginator = Paginator(posts, POSTS_PER_PAGE)
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    page.object_list = _with_my_reactions(list(page.object_list), user)
    return page


def last_read(thread: Thread, user) -> datetime | None:
    """When ``user`` last opened ``thread`` (None: never)."""
    return (
        ThreadRead.objects.filter(thread=thread, user=user)
        .values_list("read_at", flat=True)
        .first()
    )


def new_since(posts: list[Post], last_visit: datetime | None, user) -> list[Post]:
    """The posts of ``posts`` written by others after ``last_visit``; none on a first
    visit, when everything is new."""
    if last_visit is None:
        return []
    return [p for p in posts if p.created_at > last_visit and p.author_id != user.pk]


def unread_threads(user) -> Subquery:
    """For each group (an annotation of LearningGroup): how many of its visible threads
    have news for ``user``."""
    return Subquery(
        Thread.objects.filter(group=OuterRef("pk"), hidden_at__isnull=True)
        .exclude(
            Exists(
                ThreadRead.objects.filter(
                    thread=OuterRef("pk"), user=user, read_at__gte=OuterRef("last_activity_at")
                )
            )
        )
        .order_by()
        .values("group")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
