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


def posts_of(thread: Thread, user) -> list[Post]:
    posts = list(
        thread.posts.select_related("author__profile").annotate(
            thanks=Count("reactions", filter=Q(reactions__kind="thanks")),
            helpful=Count("reactions", filter=Q(reactions__kind="helpful")),
            celebrate=Count("reactions", filter=Q(reactions__kind="celebrate")),
        )
    )
    mine = set(
        Reaction.objects.filter(post__thread=thread, user=user).values_list("post_id", "kind")
    )
    for post in posts:
        post.my_reactions = {kind for post_id, kind in mine if post_id == post.pk}
    return posts
