"""Kāhui's URLs plus one signed-in "hello": the cost of the middleware stack, the
session and the user alone, to set the group home's figure against."""

from django.http import HttpResponse
from django.urls import path

from kahui.urls import urlpatterns as kahui_urlpatterns


def signed_in_hello(request):
    return HttpResponse(f"hello {request.user.pk}", content_type="text/plain")


urlpatterns = [path("bench/signed-in-hello/", signed_in_hello), *kahui_urlpatterns]
