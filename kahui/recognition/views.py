"""Recognition pages: a group's kudos and celebrations, a member's contributions, the
professional-learning record with its CSV and certificates, and the public page that
checks a certificate's code. Access is checked at the door (``@group_view`` and
:mod:`kahui.recognition.access`)."""

from uuid import UUID

from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.csv_export import SafeWriter
from kahui.core.errors import KahuiError
from kahui.core.pdf import pdf_response
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.recognition import access as rules
from kahui.recognition import selectors, services
from kahui.recognition.forms import (
    CertificateRequestForm,
    ConfirmForm,
    DeclineForm,
    KudosForm,
    LearningActivityForm,
    VerifyForm,
)
from kahui.recognition.models import Certificate, CertificateStatus, LearningKind

KUDOS_PER_PAGE = 20

# ---------------------------------------------------------------------------
# Kudos and celebrations in a group
# ---------------------------------------------------------------------------


def _kudos_form(request: HttpRequest, group: LearningGroup, data=None) -> KudosForm:
    source = data if data is not None else request.GET
    return KudosForm(
        data,
        group=group,
        giver=request.user,
        receiver_id=source.get("receiver", "") or source.get("to", ""),
        initial={
            "receiver": source.get("to", "") or source.get("receiver", ""),
            "text": source.get("text", ""),
            "meeting": source.get("meeting", ""),
            "resource": source.get("resource", ""),
            "post": source.get("post", ""),
        },
    )


def _group_page(request, group, access, *, form: KudosForm, status: int = 200) -> HttpResponse:
    page = Paginator(selectors.kudos_of_group(group), KUDOS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "recognition/group.html",
        {
            "group": group,
            "access": access,
            "form": form,
            "page": page,
            "celebrations": list(selectors.celebrations_of(group)[:10]),
            "to_confirm": (
                list(selectors.certificates_to_confirm(request.user).filter(group=group))
                if access.is_facilitator
                else []
            ),
        },
        status=status,
    )


@group_view(Need.MEMBER)
@require_GET
def group_kudos(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """The group's kudos and celebrations, with the form to give kudos."""
    return _group_page(request, group, access, form=_kudos_form(request, group))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def kudos_give(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """Give kudos. GET draws the form (prefilled from ``?to=``, ``?meeting=``,
    ``?resource=``, ``?post=``; htmx asks for the ``form`` fragment again when the
    member chosen changes, keeping what was typed); POST gives them."""
    if request.method == "GET":
        form = _kudos_form(request, group)
        if request.htmx:
            return render(request, "recognition/give.html#form", {"group": group, "form": form})
        return render(request, "recognition/give.html", {"group": group, "form": form})
    form = _kudos_form(request, group, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            kudos = services.kudos_give(
                group=group,
                by=request.user,
                receiver=data["receiver_user"],
                text=data["text"],
                meeting=data["meeting_obj"],
                resource=data["resource_obj"],
                post=data["post_obj"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Kudos sent to %(name)s.") % {"name": kudos.receiver.display_name},
            )
            return redirect(reverse("recognition:group", args=[group.public_id]) + "#kudos")
    return render(request, "recognition/give.html", {"group": group, "form": form}, status=400)


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def kudos_withdraw(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, kudos_id: UUID
) -> HttpResponse:
    kudos = rules.kudos_in(group, kudos_id)
    rules.check_withdraw_kudos(kudos, request.user)
    back = reverse("recognition:group", args=[group.public_id])
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Withdraw your kudos?"),
            question=_("Your kudos to %(name)s (“%(text)s”) will no longer show anywhere.")
            % {"name": kudos.receiver.display_name, "text": kudos.text},
            confirm_label=_("Withdraw kudos"),
            cancel_url=back,
            breadcrumbs=[(group.name, reverse("groups:home", args=[group.public_id]))],
            place=group.name,
        )
    services.kudos_withdraw(kudos=kudos, by=request.user)
    messages.success(request, _("Your kudos are withdrawn."))
    return redirect(back)


# ---------------------------------------------------------------------------
# Contributions
# ---------------------------------------------------------------------------


@group_view(Need.MEMBER)
@require_GET
def member_contributions(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, person_id: UUID
) -> HttpResponse:
    """One member's contributions in the group, for the group's members."""
    person = rules.member_of(group, person_id)
    (contributions,) = selectors.contributions_of(person, groups=[group])
    return render(
        request,
        "recognition/member_contributions.html",
        {
            "group": group,
            "access": access,
            "person": person,
            "is_self": person.pk == request.user.pk,
            "contributions": contributions,
            "kudos": selectors.kudos_received(person, groups=[group]),
        },
    )


@login_required
@require_GET
def my_contributions(request: HttpRequest) -> HttpResponse:
    """The signed-in person's contributions in each of their groups."""
    return render(
        request,
        "recognition/my_contributions.html",
        {
            "contributions": selectors.contributions_of(request.user),
            "kudos": selectors.kudos_received(request.user),
        },
    )


# ---------------------------------------------------------------------------
# The professional-learning record
# ---------------------------------------------------------------------------


def _year(request: HttpRequest, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0]
    return year if year in years else years[0]


@login_required
@require_GET
def record(request: HttpRequest) -> HttpResponse:
    """A person's hours for a year: meetings attended, what they logged, their
    certificates, and the requests waiting for them as a facilitator."""
    years = selectors.record_years(request.user)
    year = _year(request, years)
    return render(
        request,
        "recognition/record.html",
        {
            "year": year,
            "years": years,
            "record": selectors.learning_record(request.user, year=year),
            "certificates": list(selectors.certificates_of(request.user)),
            "to_confirm": list(selectors.certificates_to_confirm(request.user)),
            "request_form": CertificateRequestForm(
                user=request.user, years=years, initial={"year": year}
            ),
        },
    )


@login_required
@require_GET
def record_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The year's record as CSV: one row per meeting attended and per logged
    activity, dates in the person's time zone."""
    record = selectors.learning_record(request.user, year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kahui-professional-learning-{year}.csv"'
    )
    writer = SafeWriter(response)
    writer.writerow([_("Date"), _("Kind"), _("Group"), _("What"), _("Minutes"), _("Hours")])
    rows = [
        (
            timezone.localtime(mark.meeting.starts_at).date(),
            _("Meeting"),
            mark.meeting.group.name,
            mark.meeting.title,
            mark.minutes_attended,
        )
        for mark in record.attended
    ] + [
        (
            logged.done_on,
            LearningKind(logged.kind).label,
            logged.group.name if logged.group else "",
            logged.note,
            logged.minutes,
        )
        for logged in record.activities
    ]
    for day, kind, group, what, minutes in sorted(rows, key=lambda row: row[0]):
        writer.writerow([day.isoformat(), kind, group, what, minutes, f"{minutes / 60:.2f}"])
    totals = record.totals
    writer.writerow(["", _("Total"), "", "", totals.minutes, f"{totals.minutes / 60:.2f}"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def activity_add(request: HttpRequest) -> HttpResponse:
    form = LearningActivityForm(
        request.POST or None,
        user=request.user,
        initial={"done_on": timezone.localdate(), "kind": LearningKind.READING},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            logged = services.learning_activity_add(
                user=request.user,
                kind=data["kind"],
                done_on=data["done_on"],
                minutes=data["minutes"],
                note=data["note"],
                group=data["group_obj"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Added to your record."))
            return redirect(reverse("recognition:record") + f"?year={logged.done_on.year}")
    return render(
        request,
        "recognition/activity_form.html",
        {"form": form, "logged": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: UUID) -> HttpResponse:
    logged = rules.activity_of(request.user, activity_id)
    form = LearningActivityForm(
        request.POST or None,
        user=request.user,
        initial={
            "kind": logged.kind,
            "done_on": logged.done_on,
            "hours": f"{logged.hours:g}",
            "note": logged.note,
            "group": str(logged.group.public_id) if logged.group else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.learning_activity_update(
                logged=logged,
                by=request.user,
                kind=data["kind"],
                done_on=data["done_on"],
                minutes=data["minutes"],
                note=data["note"],
                group=data["group_obj"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("recognition:record") + f"?year={logged.done_on.year}")
    return render(
        request,
        "recognition/activity_form.html",
        {"form": form, "logged": logged},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, activity_id: UUID) -> HttpResponse:
    logged = rules.activity_of(request.user, activity_id)
    back = reverse("recognition:record") + f"?year={logged.done_on.year}"
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove this learning from your record?"),
            question=_("“%(note)s” will no longer count in your hours.") % {"note": logged.note},
            confirm_label=_("Remove"),
            cancel_url=back,
            breadcrumbs=[(_("Professional-learning record"), back)],
        )
    services.learning_activity_remove(logged=logged, by=request.user)
    messages.success(request, _("Removed from your record."))
    return redirect(back)


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------


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
    return render(
        request,
        "recognition/record.html",
        {
            "year": year,
            "years": years,
            "record": selectors.learning_record(request.user, year=year),
            "certificates": list(selectors.certificates_of(request.user)),
            "to_confirm": list(selectors.certificates_to_confirm(request.user)),
            "request_form": form,
        },
        status=400,
    )


def _certificate_context(request, certificate: Certificate, as_facilitator: bool, **extra):
    context = {
        "certificate": certificate,
        "as_facilitator": as_facilitator,
        "can_revoke": rules.can_revoke(certificate, request.user),
        "verify_url": settings.SITE_URL
        + reverse("recognition:verify")
        + f"?code={certificate.code or ''}",
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


@login_required
@require_POST
def certificate_confirm(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    found, as_facilitator = rules.certificate_for(request.user, certificate_id)
    if not rules.can_decide(found, request.user):
        raise PermissionDenied("Only another facilitator of the group confirms it.")
    activities = list(selectors.activities_in(found.user, year=found.year, group=found.group))
    form = ConfirmForm(request.POST, activities=activities)
    if form.is_valid():
        try:
            services.certificate_confirm(
                certificate=found, by=request.user, activity_ids=form.chosen_ids()
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Confirmed. %(name)s can now download the certificate.")
                % {"name": found.user.display_name},
            )
            return redirect("recognition:certificate", found.public_id)
    found.refresh_from_db()
    return render(
        request,
        "recognition/certificate.html",
        _certificate_context(request, found, as_facilitator, confirm_form=form),
        status=400,
    )


@login_required
@require_POST
def certificate_decline(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    found, as_facilitator = rules.certificate_for(request.user, certificate_id)
    if not rules.can_decide(found, request.user):
        raise PermissionDenied("Only another facilitator of the group declines it.")
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_decline(
                certificate=found, by=request.user, reply=form.cleaned_data["reply"]
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Declined; the member has your reply."))
            return redirect("recognition:certificate", found.public_id)
    found.refresh_from_db()
    return render(
        request,
        "recognition/certificate.html",
        _certificate_context(request, found, as_facilitator, decline_form=form),
        status=400,
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
            "verify_url": settings.SITE_URL + reverse("recognition:verify") + f"?code={found.code}",
            "verify_page": settings.SITE_URL + reverse("recognition:verify"),
        },
        filename=f"kahui-certificate-{found.year}-{found.code}.pdf",
        title=_("Professional-learning certificate %(year)s") % {"year": found.year},
        back_url=reverse("recognition:certificate", args=[found.public_id]),
    )


# ---------------------------------------------------------------------------
# The public check of a certificate
# ---------------------------------------------------------------------------


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
