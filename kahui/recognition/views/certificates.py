"""Certificates of professional learning: asking for one, its page for the holder and the
group's facilitators (who confirm or decline it), withdrawing or revoking it, and its
PDF."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.pdf import pdf_response
from kahui.core.submissions import submitted_once
from kahui.recognition import access as rules
from kahui.recognition import selectors, services
from kahui.recognition.forms import CertificateRequestForm, ConfirmForm, DeclineForm
from kahui.recognition.models import Certificate, CertificateStatus
from kahui.recognition.views.learning_record import record_page


@login_required
@require_POST
@submitted_once
def certificate_request(request: HttpRequest) -> HttpResponse:
    years = selectors.record_years(request.user)
    form = CertificateRequestForm(request.POST, user=request.user, years=years)
    if form.is_valid():
        data = form.cleaned_data
        try:
            certificate = services.certificate_request(
                user=request.user,
                group=data["group_obj"],
                year=data["year"],
                message=data["message"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Asked. The group's facilitators will confirm your hours."))
            return redirect("recognition:certificate", certificate.public_id)
    year = form.cleaned_data.get("year") or years[0]
    return record_page(request, years=years, year=year, form=form, status=400)


def _verify_url(code: str) -> str:
    """The public check's address with the code filled in."""
    return settings.SITE_URL + reverse("recognition:verify") + f"?code={code}"


def _certificate_context(request, certificate: Certificate, as_facilitator: bool, **extra):
    context = {
        "certificate": certificate,
        "as_facilitator": as_facilitator,
        "can_revoke": rules.can_revoke(certificate, request.user),
        "verify_url": _verify_url(certificate.code or ""),
        **extra,
    }
    if certificate.status == CertificateStatus.REQUESTED:
        holder, group, year = certificate.user, certificate.group, certificate.year
        context["attended"] = list(selectors.attended_in(holder, year=year, group=group))
        activities = list(selectors.activities_in(holder, year=year, group=group))
        context["activities"] = activities
        context["hours"] = selectors.learning_hours(holder, year=year, group=group)
        if as_facilitator and rules.can_decide(certificate, request.user):
            context.setdefault(
                "confirm_form",
                ConfirmForm(
                    activities=activities,
                    initial={"activities": [str(a.public_id) for a in activities]},
                ),
            )
            context.setdefault("decline_form", DeclineForm())
    return context


@login_required
@require_GET
def certificate(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    """A certificate or a request for one, to its owner and to the group's
    facilitators (who confirm or decline it here)."""
    found, as_facilitator = rules.certificate_for(request.user, certificate_id)
    return render(
        request,
        "recognition/certificate.html",
        _certificate_context(request, found, as_facilitator),
    )


def _decided(request, found, as_facilitator, *, form, form_name, save, message) -> HttpResponse:
    """A facilitator's decision on a request: done, back to the certificate's page; or
    refused, the page again with the form that says why."""
    if form_saved(request, form, save, message):
        return redirect("recognition:certificate", found.public_id)
    found.refresh_from_db()
    return render(
        request,
        "recognition/certificate.html",
        _certificate_context(request, found, as_facilitator, **{form_name: form}),
        status=400,
    )


@login_required
@require_POST
def certificate_confirm(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    found, as_facilitator = rules.certificate_for(request.user, certificate_id)
    if not rules.can_decide(found, request.user):
        raise PermissionDenied("Only another facilitator of the group confirms it.")
    activities = list(selectors.activities_in(found.user, year=found.year, group=found.group))
    form = ConfirmForm(request.POST, activities=activities)
    return _decided(
        request,
        found,
        as_facilitator,
        form=form,
        form_name="confirm_form",
        save=lambda: services.certificate_confirm(
            certificate=found, by=request.user, activity_ids=form.chosen_ids()
        ),
        message=_("Confirmed. %(name)s can now download the certificate.")
        % {"name": found.user.display_name},
    )


@login_required
@require_POST
def certificate_decline(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    found, as_facilitator = rules.certificate_for(request.user, certificate_id)
    if not rules.can_decide(found, request.user):
        raise PermissionDenied("Only another facilitator of the group declines it.")
    form = DeclineForm(request.POST)
    return _decided(
        request,
        found,
        as_facilitator,
        form=form,
        form_name="decline_form",
        save=lambda: services.certificate_decline(
            certificate=found, by=request.user, reply=form.cleaned_data["reply"]
        ),
        message=_("Declined; the member has your reply."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    found, _as_facilitator = rules.certificate_for(request.user, certificate_id)
    back = reverse("recognition:certificate", args=[found.public_id])
    if not rules.can_revoke(found, request.user):
        raise PermissionDenied("Not yours to withdraw or revoke.")
    requested = found.status == CertificateStatus.REQUESTED
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Withdraw your request?") if requested else _("Revoke this certificate?"),
            question=(
                _("The facilitators will no longer be asked to confirm it.")
                if requested
                else _(
                    "Anyone who checks its code will be told it was revoked. "
                    "This cannot be undone; you can ask for a new one."
                )
            ),
            confirm_label=_("Withdraw the request") if requested else _("Revoke"),
            cancel_url=back,
            breadcrumbs=[(_("Professional-learning record"), reverse("recognition:record"))],
        )
    try:
        services.certificate_revoke(certificate=found, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        done = _("The request is withdrawn.") if requested else _("The certificate is revoked.")
        messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def certificate_pdf(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    """The confirmed certificate as a PDF, for its holder (a POST: a long document
    would be made in the background)."""
    found, _as_facilitator = rules.certificate_for(request.user, certificate_id)
    if found.user_id != request.user.pk:
        raise PermissionDenied("Only its holder downloads the certificate.")
    if found.status != CertificateStatus.CONFIRMED:
        raise Http404("Not a confirmed certificate")
    return pdf_response(
        request,
        template="recognition/certificate_pdf.html",
        context={
            "certificate": found,
            "verify_url": _verify_url(found.code),
            "verify_page": settings.SITE_URL + reverse("recognition:verify"),
        },
        filename=f"kahui-certificate-{found.year}-{found.code}.pdf",
        title=_("Professional-learning certificate %(year)s") % {"year": found.year},
        back_url=reverse("recognition:certificate", args=[found.public_id]),
    )
