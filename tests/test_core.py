"""Shared pieces: messages after htmx actions, the activity log's privacy, the layout
of user content on narrow screens, and the interface languages."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.session import SessionStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from kahui.core.middleware import HtmxMessagesMiddleware

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_htmx_action_shows_its_message_at_once_and_only_once(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("groups:stage", args=[world.group.public_id]), {"stage": "plan"}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="messages"' in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "The group is now at" in html
    page = client.get(reverse("groups:home", args=[world.group.public_id]))
    assert "The group is now at" not in page.content.decode()


def test_messages_wait_for_the_page_an_htmx_redirect_leads_to(client):
    def view(request):
        messages.success(request, "Saved.")
        response = HttpResponse("<p>fragment</p>")
        response["HX-Redirect"] = "/elsewhere/"
        return response

    request = RequestFactory().post("/", headers=HTMX)
    request.session = client.session
    request._messages = SessionStorage(request)
    response = HtmxMessagesMiddleware(view)(request)
    assert "Saved." not in response.content.decode()
    assert [str(m) for m in request._messages] == ["Saved."]


def test_full_pages_keep_an_empty_live_region_for_later_messages(client, world):
    client.force_login(world.member)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert html.count('id="messages"') == 1
    assert 'aria-live="polite"' in html
