"""Background tasks of the people app, run by ``kahui worker``: a changed profile or
group gets its recommendation vector again."""

from django.tasks import task

from kahui.people import services


@task()
def refresh_person_vector(*, user_id: int) -> int:
    return services.person_vectors_refresh(user_ids=[user_id])


@task()
def refresh_group_vector(*, group_id: int) -> int:
    return services.group_vectors_refresh(group_ids=[group_id])


@task()
def rebuild_recommendations() -> list[int]:
    """Refit the word weights and rebuild every vector (the nightly job)."""
    return list(services.vectors_rebuild())
