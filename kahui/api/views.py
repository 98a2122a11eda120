"""The account's "API tokens" page: make a token (its secret shown once), list and
revoke them. Each person sees and revokes only their own."""

from datetime import datetime, time
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.api import services
from kahui.api.forms import TokenForm
from kahui.api.models import ApiToken
from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError


def _end_of(day, request: HttpRequest) -> datetime:
    """The end of ``day`` in the viewer's time zone."""
    zone = timezone.get_current_timezone() or ZoneInfo("UTC")
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            day = form.cleaned_data["expires_on"]
            try:
                token, secret = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_at=_end_of(day, request) if day else None,
                )
            except KahuiError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Token “%(name)s” made.") % {"name": token.name})
                form = TokenForm()
        else:
            status = 400
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=request.user),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, token_id: UUID) -> HttpResponse:
    # Someone else's token is as unknown as one that does not exist.
    token = ApiToken.objects.filter(user=request.user, public_id=token_id).first()
    if token is None:
        raise Http404("No such token")
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Revoke the token “%(name)s”?") % {"name": token.name},
            question=_(
                "Anything that uses it stops working at once. A revoked token cannot be "
                "turned back on; make a new one instead."
            ),
            confirm_label=_("Revoke the token"),
            cancel_url=reverse("api:tokens"),
            breadcrumbs=[(_("API tokens"), reverse("api:tokens"))],
        )
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:tokens")
