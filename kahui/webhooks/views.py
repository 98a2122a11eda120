"""An organisation's webhooks, for its administrators: the endpoints, adding and
changing one, its secret (shown once), and its delivery log with a resend button."""

import json
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.webhooks import selectors, services
from kahui.webhooks.access import delivery_for, endpoint_for, organisation_for
from kahui.webhooks.events import payload
from kahui.webhooks.forms import EndpointEditForm, EndpointForm
from kahui.webhooks.models import Endpoint

SECRET_KEY = "webhook-secret:{}"


def _show_secret_once(request: HttpRequest, endpoint: Endpoint, secret: str) -> None:
    request.session[SECRET_KEY.format(endpoint.public_id)] = secret


@login_required
@require_GET
def endpoints(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug)
    return render(
        request,
        "webhooks/list.html",
        {"org": organisation, "endpoints": list(selectors.endpoints_of(organisation))},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def new(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.endpoint_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            _show_secret_once(request, endpoint, endpoint.secret)
            messages.success(request, _("Endpoint added."))
            return redirect("webhooks:endpoint", organisation.slug, endpoint.public_id)
    return render(
        request,
        "webhooks/form.html",
        {"org": organisation, "form": form, "endpoint": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def endpoint(request: HttpRequest, slug: str, endpoint_id: UUID) -> HttpResponse:
    hook = endpoint_for(request, slug, endpoint_id)
    page = Paginator(selectors.delivery_log(hook), 20).get_page(request.GET.get("page"))
    deliveries = list(page.object_list)
    for delivery in deliveries:
        delivery.event.organisation = hook.organisation
        delivery.body = json.dumps(payload(delivery.event), ensure_ascii=False, indent=2)  # type: ignore[attr-defined]
    return render(
        request,
        "webhooks/endpoint.html",
        {
            "org": hook.organisation,
            "endpoint": hook,
            "page": page,
            "deliveries": deliveries,
            "secret": request.session.pop(SECRET_KEY.format(hook.public_id), None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, endpoint_id: UUID) -> HttpResponse:
    hook = endpoint_for(request, slug, endpoint_id)
    initial = {
        "url": hook.url,
        "description": hook.description,
        "events": hook.events,
        "enabled": hook.enabled,
    }
    form = EndpointEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(endpoint=hook, by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("webhooks:endpoint", slug, hook.public_id)
    return render(
        request,
        "webhooks/form.html",
        {"org": hook.organisation, "form": form, "endpoint": hook},
        status=400 if request.method == "POST" else 200,
    )


def _crumbs(hook: Endpoint) -> list[tuple[str, str]]:
    org = hook.organisation
    return [
        (org.name, reverse("orgs:detail", args=[org.slug])),
        (_("Webhooks"), reverse("webhooks:list", args=[org.slug])),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def rotate_secret(request: HttpRequest, slug: str, endpoint_id: UUID) -> HttpResponse:
    hook = endpoint_for(request, slug, endpoint_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Make a new signing secret?"),
            question=_(
                "The old secret stops working at once: give the new one to the receiver "
                "straight away, or it will refuse the next deliveries."
            ),
            confirm_label=_("Make a new secret"),
            cancel_url=reverse("webhooks:endpoint", args=[slug, hook.public_id]),
            breadcrumbs=_crumbs(hook),
            place=hook.organisation.name,
        )
    secret = services.endpoint_secret_rotate(endpoint=hook, by=request.user)
    _show_secret_once(request, hook, secret)
    return redirect("webhooks:endpoint", slug, hook.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, slug: str, endpoint_id: UUID) -> HttpResponse:
    hook = endpoint_for(request, slug, endpoint_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove the endpoint %(url)s?") % {"url": hook.url},
            question=_("Nothing more is sent there, and its delivery log goes with it."),
            confirm_label=_("Remove"),
            cancel_url=reverse("webhooks:endpoint", args=[slug, hook.public_id]),
            breadcrumbs=_crumbs(hook),
            place=hook.organisation.name,
        )
    services.endpoint_remove(endpoint=hook, by=request.user)
    messages.info(request, _("Removed."))
    return redirect("webhooks:list", slug)


@login_required
@require_POST
def resend(request: HttpRequest, slug: str, endpoint_id: UUID, delivery_id: UUID) -> HttpResponse:
    delivery = delivery_for(request, slug, endpoint_id, delivery_id)
    try:
        services.delivery_resend(delivery=delivery, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Queued to be sent again: its attempts appear in the log below.")
        )
    return redirect("webhooks:endpoint", slug, endpoint_id)
