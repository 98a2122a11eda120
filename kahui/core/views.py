from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front door: what Kāhui is, or straight to the dashboard when signed in."""
    if request.user.is_authenticated:
        return redirect("dashboard:home")
    return render(request, "core/home.html")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("img/kahui.svg"))
