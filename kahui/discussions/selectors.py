from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from kahui.discussions.models import Post, Reaction, Thread, ThreadRead
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


def _with_my_reactions(posts: list[Post], user) -> list[Post]:
    mine = set(
        Reaction.objects.filter(post__in=[p.pk for p in posts], user=user).values_list(
            "post_id", "kind"
        )
    )
    for post in posts:
        post.my_reactions = {kind for post_id, kind in mine if post_id == post.pk}
    return posts


def posts_of(thread: Thread, user) -> list[Post]:
    return _with_my_reactions(list(_posts(thread)), user)


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
