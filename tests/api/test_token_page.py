"""The account's API tokens page: make a token (the secret shown once), list, revoke."""

import pytest
from django.test import Client
from django.urls import reverse

from kahui.api.models import ApiToken, TokenScope
from tests.api.conftest import bearer


@pytest.mark.django_db
def test_make_use_and_revoke_a_token(client, world, django_assert_max_num_queries):
    client.force_login(world.member)
    assert reverse("api:tokens") in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(reverse("api:tokens"), {"name": "Our sheet", "scope": TokenScope.WRITE})
    assert response.status_code == 200
    secret = response.context["secret"]
    token = ApiToken.objects.get(user=world.member)
    assert token.name == "Our sheet"
    assert token.scope == TokenScope.WRITE
    assert secret in response.content.decode()
    again = client.get(reverse("api:tokens")).content.decode()
    assert secret not in again
    assert token.prefix in again
    program = Client()  # a program, with the token and no session
    assert program.get("/api/v1/groups/", **bearer(secret)).status_code == 200

    with django_assert_max_num_queries(12):
        client.get(reverse("api:tokens"))
    response = client.post(reverse("api:token_revoke", args=[token.public_id]), {"confirm": "yes"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert program.get("/api/v1/groups/", **bearer(secret)).status_code == 401


@pytest.mark.django_db
def test_a_token_needs_a_name_and_a_future_expiry(client, world):
    client.force_login(world.member)
    assert client.post(reverse("api:tokens"), {"name": "", "scope": "read"}).status_code == 400
    response = client.post(
        reverse("api:tokens"), {"name": "Old", "scope": "read", "expires_on": "2000-01-01"}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_nobody_revokes_someone_elses_token(client, world, read_secret):
    token = ApiToken.objects.get(user=world.member)
    client.force_login(world.facilitator)
    assert client.post(reverse("api:token_revoke", args=[token.public_id])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
