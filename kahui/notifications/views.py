"""The bell, the notifications page, email preferences and one-click unsubscribe."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.notifications import services
from kahui.notifications.forms import PreferencesForm
from kahui.notifications.models import Category, Notification, QuietHours


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(user=request.user).select_related("group")
    page = Paginator(notes, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The unread count for the bell in the header (htmx polls it)."""
    count = Notification.objects.filter(user=request.user).unread().count()
    return render(request, "notifications/_bell.html", {"unread": count})


@login_required
@require_POST
def open_note(request: HttpRequest, note_id: UUID) -> HttpResponse:
    note = get_object_or_404(Notification, user=request.user, public_id=note_id)
    services.mark_read(user=request.user, notification=note)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(user=request.user)
    messages.success(request, _("%(n)d notifications marked as read.") % {"n": count})
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = services.deliveries_for(request.user)
    quiet = QuietHours.objects.filter(user=request.user).first()
    form = PreferencesForm(
        request.POST or None,
        current=current,
        initial={
            "quiet_start": quiet.starts if quiet else None,
            "quiet_end": quiet.ends if quiet else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=request.user,
            choices=form.choices(),
            quiet_start=form.cleaned_data["quiet_start"],
            quiet_end=form.cleaned_data["quiet_end"],
        )
        messages.success(request, _("Your email preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session; the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, category = services.read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404("This unsubscribe link is not valid.") from None
    label = Category(category).label
    if request.method == "POST":
        services.unsubscribe(user_id=user_id, category=category)
        return render(request, "notifications/unsubscribed.html", {"label": label, "done": True})
    return render(request, "notifications/unsubscribed.html", {"label": label, "done": False})
