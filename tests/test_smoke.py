import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_render_for_facilitator(client, world):
    client.force_login(world.facilitator)
    g = world.group.public_id
    for url in [
        reverse("dashboard:home"),
        reverse("groups:home", args=[g]),
        reverse("groups:members", args=[g]),
        reverse("groups:history", args=[g]),
        reverse("groups:explore"),
        reverse("groups:mine"),
        reverse("groups:create"),
        reverse("groups:edit", args=[g, "goals"]),
        reverse("groups:edit", args=[g, "norms"]),
        reverse("groups:edit", args=[g, "focus"]),
        reverse("groups:edit", args=[g, "structure"]),
        reverse("orgs:list"),
        reverse("orgs:detail", args=[world.school.slug]),
        reverse("accounts:profile"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
