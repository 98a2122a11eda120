"""The public check of a certificate's code, for anyone, signed in or not."""

from allauth.core.internal import ratelimit
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kahui.recognition import selectors, services
from kahui.recognition.forms import VerifyForm


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, checks a certificate's code: the page shows its
    holder's name, the hours, the period and the group that issued it, or that it was
    revoked, and nothing else. Checks are rate-limited per address, as log-ins are."""
    typed = request.GET.get("code", "")
    form = VerifyForm(request.GET if typed else None)
    context = {"form": form, "checked": False, "found": None}
    if typed:
        if not ratelimit.consume(
            request, app="allauth.account", action="verify_certificate", limit_get=True
        ):
            context["limited"] = True
            return render(request, "recognition/verify.html", context, status=429)
        code = services.normalise_code(typed)
        context["checked"] = True
        context["found"] = selectors.certificate_by_code(code)
    return render(request, "recognition/verify.html", context)
