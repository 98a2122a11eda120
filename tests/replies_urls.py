"""The URL table with the inbound webhooks on, as when KAHUI_INBOUND_WEBHOOK_SECRET is set."""

from django.urls import include, path

from kahui.urls import urlpatterns as site

urlpatterns = [*site, path("mail/inbound/", include("anymail.urls"))]
