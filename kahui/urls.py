from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from kahui.accounts import views as account_views
from kahui.api.api import api

urlpatterns = [
    path("", include("kahui.core.urls")),
    # Before allauth's: its page of school accounts is there only when SSO is configured.
    path("accounts/3rdparty/", account_views.school_accounts),
    path("accounts/", include("allauth.urls")),
    path("", include("kahui.accounts.urls")),
    path("orgs/", include("kahui.orgs.urls")),
    path("", include("kahui.groups.urls")),
    path("", include("kahui.meetings.urls")),
    path("", include("kahui.scheduling.urls")),
    path("", include("kahui.proposals.urls")),
    path("", include("kahui.notifications.urls")),
    path("", include("kahui.discussions.urls")),
    path("", include("kahui.library.urls")),
    path("", include("kahui.voice.urls")),
    path("", include("kahui.inquiry.urls")),
    path("", include("kahui.health.urls")),
    path("", include("kahui.recognition.urls")),
    path("", include("kahui.retrospective.urls")),
    path("", include("kahui.search.urls")),
    path("", include("kahui.dashboard.urls")),
    path("", include("kahui.people.urls")),
    path("", include("kahui.reflection.urls")),
    path("", include("kahui.programmes.urls")),
    path("", include("kahui.coaching.urls")),
    path("", include("kahui.oversight.urls")),
    path("", include("kahui.formation.urls")),
    path("", include("kahui.roster.urls")),
    path("", include("kahui.webhooks.urls")),
    path("", include("kahui.rights.urls")),
    path("", include("kahui.api.urls")),
    path("api/v1/", api.urls),
    path("operator/", admin.site.urls),
]

if settings.KAHUI_REPLY_DOMAIN and settings.KAHUI_INBOUND_WEBHOOK_SECRET:
    # Replies by email from a provider's inbound webhook (kahui/replies/README.md):
    # only with a secret, as anymail would otherwise accept anyone's posts.
    urlpatterns.append(path("mail/inbound/", include("anymail.urls")))
